namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>One page of a model's retraining decisions, newest first; <paramref name="NextPageToken"/> is null on the last page.</summary>
public sealed record RetrainingDecisionPage(IReadOnlyList<RetrainingDecision> Decisions, string? NextPageToken);
