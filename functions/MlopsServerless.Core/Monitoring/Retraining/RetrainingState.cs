namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>The last retraining a trigger claimed for a model (its <see cref="RetrainingHistory"/> claim record, changed only If-Match).</summary>
public sealed record RetrainingState(DateTimeOffset LastTriggeredAt, string Reason, string? RunId);
