using System.Text.Json.Serialization;

namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// One feature's drift. Statistics that do not apply to the feature's kind, or cannot be computed (no non-missing
/// values on a side), are null.
/// </summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">How it was compared.</param>
/// <param name="CurrentRows">Current rows, missing included.</param>
/// <param name="Psi">Population stability index over the reference's bins or levels, missing as its own bin.</param>
/// <param name="KsStatistic">Numeric: two-sample Kolmogorov–Smirnov D against the reference sample.</param>
/// <param name="KsPValue">Numeric: its two-sided p-value.</param>
/// <param name="Chi2PValue">Categorical: chi-square test of homogeneity p-value (missing as its own level).</param>
/// <param name="JsDistance">Jensen–Shannon distance (base 2) over the same bins or levels as PSI.</param>
/// <param name="WassersteinNormalized">Numeric: Wasserstein distance over the reference's standard deviation.</param>
/// <param name="MissingRateChange">Current missing rate minus reference missing rate.</param>
/// <param name="StatisticUsed">The statistic the policy chose for this feature.</param>
/// <param name="Verdict">The feature's verdict.</param>
public sealed record FeatureDrift(
    string Name,
    DriftFeatureKind Kind,
    long CurrentRows,
    double? Psi,
    double? KsStatistic,
    [property: JsonPropertyName("ks_pvalue")] double? KsPValue,
    [property: JsonPropertyName("chi2_pvalue")] double? Chi2PValue,
    double? JsDistance,
    double? WassersteinNormalized,
    double MissingRateChange,
    DriftStatistic StatisticUsed,
    DriftVerdict Verdict);
