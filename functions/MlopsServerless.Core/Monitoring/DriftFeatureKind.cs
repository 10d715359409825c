namespace MlopsServerless.Core.Monitoring;

/// <summary>How a feature is compared for drift.</summary>
public enum DriftFeatureKind
{
    /// <summary>Numbers: quantile bins, Kolmogorov–Smirnov, Wasserstein.</summary>
    Numeric,

    /// <summary>Levels (booleans count as the levels "false" and "true"): level counts, chi-square.</summary>
    Categorical,
}
