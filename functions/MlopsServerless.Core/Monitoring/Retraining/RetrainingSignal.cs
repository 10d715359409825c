namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>A reason to consider retraining <paramref name="Model"/>: what was found, in words a person can read, and when.</summary>
public sealed record RetrainingSignal(string Model, RetrainingSignalKind Kind, string Reason, DateTimeOffset DetectedAt);
