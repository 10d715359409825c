namespace MlopsServerless.Core.Monitoring;

/// <summary>The statistic that decided a feature's verdict (besides PSI, which is always checked).</summary>
public enum DriftStatistic
{
    /// <summary>Kolmogorov–Smirnov p-value: numeric features with a small current sample.</summary>
    Ks,

    /// <summary>Wasserstein distance over the reference spread: numeric features with a large current sample.</summary>
    Wasserstein,

    /// <summary>Chi-square p-value: categorical features with a small current sample.</summary>
    ChiSquare,

    /// <summary>Jensen–Shannon distance: categorical features with a large current sample.</summary>
    JensenShannon,

    /// <summary>The current values cannot be read as the reference's kind (for example text in a numeric feature).</summary>
    KindChanged,
}
