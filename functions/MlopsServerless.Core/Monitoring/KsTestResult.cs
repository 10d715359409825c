namespace MlopsServerless.Core.Monitoring;

/// <summary>A two-sample Kolmogorov–Smirnov test: the largest gap between the two empirical CDFs and its two-sided p-value.</summary>
/// <param name="Statistic">D in [0, 1]. On the exact path it is rounded to the lattice h / lcm(n1, n2), as scipy does.</param>
/// <param name="PValue">Probability, under "same distribution", of a gap at least this large.</param>
/// <param name="Exact">True when the p-value comes from the exact lattice-path distribution, false for the asymptotic one.</param>
public sealed record KsTestResult(double Statistic, double PValue, bool Exact);
