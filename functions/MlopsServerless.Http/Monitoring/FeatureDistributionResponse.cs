namespace MlopsServerless.Http.Monitoring;

/// <summary>
/// GET /api/monitoring/{model}/drift/features/{feature}: one feature of the Production version's training profile next to
/// the logged inputs of the drift window, in the profile's own bins (numeric) or levels (categorical), missing last.
/// </summary>
public sealed record FeatureDistributionResponse(
    string Model,
    int Version,
    string Feature,
    string Kind,
    DateTimeOffset From,
    DateTimeOffset To,
    long ReferenceRows,
    long CurrentRows,
    IReadOnlyList<DistributionBin> Bins);

/// <summary>One bin or level: its label, and the share of reference and current rows in it.</summary>
public sealed record DistributionBin(string Label, long Reference, long Current, double ReferenceShare, double CurrentShare);
