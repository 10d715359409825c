namespace MlopsServerless.Core.Registry;

/// <summary>
/// One registered version of a model: what produced it (run, dataset version, algorithm), how good it was on the
/// held-out test split, and its stage. Its files live under <c>models/{name}/{version}/</c>.
/// </summary>
public sealed record ModelVersion(
    int Version,
    string RunId,
    string Dataset,
    string DatasetVersion,
    string Algorithm,
    Stage Stage,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt,
    DateTimeOffset StageChangedAt);
