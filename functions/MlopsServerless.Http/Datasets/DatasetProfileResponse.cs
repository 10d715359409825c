namespace MlopsServerless.Http.Datasets;

/// <summary>GET /api/datasets/{name}/versions/{version}/profile: the version's columns with their distributions.</summary>
public sealed record DatasetProfileResponse(string Dataset, string Version, string Sha256, long Rows, string Label, IReadOnlyList<ColumnDistribution> Columns);

/// <summary>
/// One column: its kind and summary from the manifest, and either a histogram (numeric) or level counts (categorical and
/// boolean). <paramref name="OtherLevels"/> counts rows whose level is not among <paramref name="Levels"/>.
/// </summary>
public sealed record ColumnDistribution(
    string Name,
    string Kind,
    long Count,
    long Missing,
    long Distinct,
    double? Min,
    double? Max,
    double? Mean,
    double? StdDev,
    IReadOnlyList<HistogramBin>? Histogram,
    IReadOnlyList<LevelBar>? Levels,
    long OtherLevels);

/// <summary>Rows with a value in [<paramref name="Lower"/>, <paramref name="Upper"/>) (the last bin also holds its upper edge).</summary>
public sealed record HistogramBin(double Lower, double Upper, long Count);

/// <summary>Rows with one level.</summary>
public sealed record LevelBar(string Value, long Count);
