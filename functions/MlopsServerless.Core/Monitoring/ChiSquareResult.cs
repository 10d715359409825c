namespace MlopsServerless.Core.Monitoring;

/// <summary>A chi-square test of homogeneity between reference and current counts.</summary>
/// <param name="Statistic">Pearson's statistic (Yates-corrected when there is one degree of freedom).</param>
/// <param name="PValue">Upper tail of the chi-square distribution; 1 when there is nothing to compare.</param>
/// <param name="DegreesOfFreedom">Number of levels seen on either side, minus one (0 for a single level).</param>
public sealed record ChiSquareResult(double Statistic, double PValue, int DegreesOfFreedom);
