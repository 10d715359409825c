using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Pipeline.Steps;

namespace MlopsServerless.Core.Pipeline;

/// <summary>Picks the best candidate by the primary metric on the validation split; ties go to the earlier candidate.</summary>
public static class CandidateSelection
{
    /// <exception cref="MlopsException">FailedPrecondition when no candidate reports the metric.</exception>
    public static CandidateResult Best(IReadOnlyList<CandidateResult> candidates, string primaryMetric)
    {
        var higher = MetricCatalog.HigherIsBetter(primaryMetric);
        CandidateResult? best = null;
        foreach (var candidate in candidates.OrderBy(c => c.Index))
        {
            if (!candidate.ValidationMetrics.TryGetValue(primaryMetric, out var value) || double.IsNaN(value))
            {
                continue;
            }

            var bestValue = best?.ValidationMetrics[primaryMetric];
            if (bestValue is null || (higher ? value > bestValue : value < bestValue))
            {
                best = candidate;
            }
        }

        return best ?? throw MlopsException.FailedPrecondition($"No candidate has a validation {primaryMetric}; nothing can be chosen.");
    }
}
