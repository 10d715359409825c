using MlopsServerless.Core.Monitoring.Retraining;

namespace MlopsServerless.Http.Monitoring;

/// <summary>One retraining decision of GET /api/monitoring/{model}/retraining: the signal, what was done and why.</summary>
public sealed record RetrainingDecisionResponse(DateTimeOffset DecidedAt, string Signal, string Reason, string Outcome, string Explanation, string? Dataset, string? RunId)
{
    public static RetrainingDecisionResponse From(RetrainingDecision d) =>
        new(d.DecidedAt, d.Kind.ToString(), d.Reason, d.Outcome.ToString(), d.Explanation, d.Dataset, d.RunId);
}
