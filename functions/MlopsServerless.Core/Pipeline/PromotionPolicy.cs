using MlopsServerless.Core.Evaluation;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// When a newly trained version replaces the Production champion: its primary metric on the shared test split must
/// beat the champion's by at least <paramref name="MinImprovement"/> and it must clear every floor. With no champion,
/// clearing the floors is enough.
/// </summary>
/// <param name="MinImprovement">Margin over the champion, in the metric's units, in its better direction. Defaults to 0.001.</param>
/// <param name="Floors">Absolute limits by metric name (a minimum for higher-is-better metrics, a maximum for the others).
/// Defaults to none.</param>
/// <param name="AutoPromote">False keeps every new version in Staging for a person to promote. Defaults to true.</param>
public sealed record PromotionPolicy(double MinImprovement = 0.001, IReadOnlyDictionary<string, double>? Floors = null, bool AutoPromote = true)
{
    public static PromotionPolicy Default { get; } = new();

    /// <summary>Decides on <paramref name="candidate"/> against <paramref name="champion"/> (null when there is none).</summary>
    public PromotionDecision Decide(string primaryMetric, IReadOnlyDictionary<string, double> candidate, IReadOnlyDictionary<string, double>? champion)
    {
        foreach (var (metric, limit) in Floors ?? new Dictionary<string, double>())
        {
            if (!candidate.TryGetValue(metric, out var value))
            {
                return new(false, $"the floor on {metric} cannot be checked: the candidate has no {metric}");
            }

            // NaN (an undefined metric, e.g. auc on a one-class test split) compares false both ways; it must not pass.
            var higher = MetricCatalog.HigherIsBetter(metric);
            if (double.IsNaN(value) || (higher ? value < limit : value > limit))
            {
                return new(false, $"{metric} {Fmt(value)} does not clear the floor {Fmt(limit)}");
            }
        }

        if (!AutoPromote)
        {
            return new(false, "automatic promotion is off; promote by hand after review");
        }

        if (!candidate.TryGetValue(primaryMetric, out var mine))
        {
            return new(false, $"the candidate has no {primaryMetric}");
        }

        if (champion is null || !champion.TryGetValue(primaryMetric, out var theirs))
        {
            return new(true, $"first model to clear the floors ({primaryMetric} {Fmt(mine)})");
        }

        var gain = MetricCatalog.HigherIsBetter(primaryMetric) ? mine - theirs : theirs - mine;
        return gain >= MinImprovement
            ? new(true, $"{primaryMetric} {Fmt(mine)} beats the champion's {Fmt(theirs)} by {Fmt(gain)} (margin {Fmt(MinImprovement)})")
            : new(false, $"{primaryMetric} {Fmt(mine)} does not beat the champion's {Fmt(theirs)} by the margin {Fmt(MinImprovement)}");
    }

    private static string Fmt(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
