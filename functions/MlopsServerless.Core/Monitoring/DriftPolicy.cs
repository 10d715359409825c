namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// How drift is decided, after Evidently's defaults. Per feature, the statistic depends on its kind and the current
/// sample size: numeric features use the Kolmogorov–Smirnov p-value up to <see cref="SmallSampleLimit"/> rows and the
/// normalized Wasserstein distance above; categorical features use the chi-square p-value, then the Jensen–Shannon
/// distance. Independently, a PSI at or above <see cref="PsiDriftThreshold"/> marks the feature drifted and one at or
/// above <see cref="PsiWarningThreshold"/> gives a warning.
/// </summary>
public sealed record DriftPolicy
{
    /// <summary>Largest current sample (rows) judged by a test's p-value rather than by a distance.</summary>
    /// <value>Defaults to 1000.</value>
    public int SmallSampleLimit { get; init; } = 1000;

    /// <summary>
    /// Fewest current rows (missing included) for a verdict; below it, or when no statistic can be computed (an empty
    /// reference), a feature is <see cref="DriftVerdict.NotEnoughData"/>.
    /// </summary>
    /// <value>Defaults to 100.</value>
    public int MinimumRows { get; init; } = 100;

    /// <summary>A numeric feature drifts when the KS p-value is below this.</summary>
    /// <value>Defaults to 0.05.</value>
    public double KsPValueThreshold { get; init; } = 0.05;

    /// <summary>A categorical feature drifts when the chi-square p-value is below this.</summary>
    /// <value>Defaults to 0.05.</value>
    public double ChiSquarePValueThreshold { get; init; } = 0.05;

    /// <summary>A numeric feature drifts when the normalized Wasserstein distance is at or above this.</summary>
    /// <value>Defaults to 0.1.</value>
    public double WassersteinThreshold { get; init; } = 0.1;

    /// <summary>A categorical feature drifts when the Jensen–Shannon distance is at or above this.</summary>
    /// <value>Defaults to 0.1.</value>
    public double JensenShannonThreshold { get; init; } = 0.1;

    /// <summary>Any feature with a PSI at or above this is drifted.</summary>
    /// <value>Defaults to 0.2.</value>
    public double PsiDriftThreshold { get; init; } = 0.2;

    /// <summary>A feature not otherwise drifted with a PSI at or above this gets a warning.</summary>
    /// <value>Defaults to 0.1.</value>
    public double PsiWarningThreshold { get; init; } = 0.1;

    /// <summary>The data set drifts when drifted features make up at least this share of the judged features.</summary>
    /// <value>Defaults to 0.5.</value>
    public double DriftShareThreshold { get; init; } = 0.5;

    /// <summary>Features whose drift alone makes the data set drift.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlySet<string> ImportantFeatures { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Columns left out of the comparison, such as the label or an id.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlySet<string> ExcludedColumns { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Options for the reference built by <see cref="DriftAnalyzer.CompareCsvAsync"/>.</summary>
    /// <value>Defaults to <see cref="DriftReferenceOptions"/>' defaults.</value>
    public DriftReferenceOptions ReferenceOptions { get; init; } = new();

    internal void Validate()
    {
        if (SmallSampleLimit < 0 || MinimumRows < 0)
        {
            throw Errors.MlopsException.InvalidArgument("SmallSampleLimit and MinimumRows cannot be negative.");
        }

        if (DriftShareThreshold is <= 0 or > 1)
        {
            throw Errors.MlopsException.InvalidArgument($"DriftShareThreshold must be in (0, 1], not {DriftShareThreshold}.");
        }

        if (PsiWarningThreshold > PsiDriftThreshold)
        {
            throw Errors.MlopsException.InvalidArgument(
                $"PsiWarningThreshold ({PsiWarningThreshold}) must not exceed PsiDriftThreshold ({PsiDriftThreshold}).");
        }
    }
}
