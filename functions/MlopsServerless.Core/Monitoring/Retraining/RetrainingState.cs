namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>The last retraining a trigger claimed for a model (<c>monitoring/{model}/retraining-state.json</c>, ETag-guarded).</summary>
public sealed record RetrainingState(DateTimeOffset LastTriggeredAt, string Reason, string? RunId);
