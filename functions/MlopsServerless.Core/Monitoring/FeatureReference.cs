using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Monitoring;

/// <summary>What the training data looked like for one feature: enough to compare new data with it later.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">How the feature is compared.</param>
/// <param name="Rows">Rows seen, missing included.</param>
/// <param name="Missing">Rows with no value.</param>
/// <param name="BinEdges">Numeric only: interior right-closed quantile edges (see <see cref="DriftStatistics.QuantileEdges"/>).</param>
/// <param name="BinCounts">Numeric only: rows per bin over all reference rows, BinEdges.Count + 1 entries (missing excluded).</param>
/// <param name="StdDev">Numeric only: population standard deviation of all non-missing values.</param>
/// <param name="Sample">Numeric only: sorted non-missing values (all of them, or a seeded uniform sample) for KS and Wasserstein.</param>
/// <param name="Levels">Categorical only: count per level seen, ordered by level (ordinal).</param>
public sealed record FeatureReference(
    string Name,
    DriftFeatureKind Kind,
    long Rows,
    long Missing,
    IReadOnlyList<double>? BinEdges,
    IReadOnlyList<long>? BinCounts,
    double? StdDev,
    IReadOnlyList<double>? Sample,
    IReadOnlyList<LevelCount>? Levels);
