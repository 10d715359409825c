namespace MlopsServerless.Core.Registry;

/// <summary>
/// What one read tells about a model without reading its versions: which version is in Production, where its aliases
/// point, the order versions entered Production (for rollback) and its newest version number. Read it to pick a version
/// to serve; read <see cref="RegisteredModel"/> only to list every version.
/// </summary>
public sealed record ModelHead(
    string Name,
    int LatestVersion,
    int? ProductionVersion,
    IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyList<int> ProductionHistory);
