namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>
/// One decision, as recorded in the <see cref="RetrainingHistory"/>: the signal, the outcome, why, and the run
/// started (when <paramref name="Outcome"/> is Started).
/// </summary>
public sealed record RetrainingDecision(
    string Model,
    RetrainingSignalKind Kind,
    string Reason,
    DateTimeOffset DecidedAt,
    RetrainingOutcome Outcome,
    string Explanation,
    string? Dataset,
    string? RunId);
