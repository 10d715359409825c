namespace MlopsServerless.Core.Registry;

/// <summary>
/// The stored head row of a model. Every registry change replaces it If-Match in the batch that makes the change, so its
/// ETag serializes concurrent changes. <see cref="NextVersion"/> and <see cref="Registering"/> reserve a version number
/// for a run before its files are written (the version record follows them), so a crash in between leaves a reservation
/// the same run takes up again, never a version without files.
/// </summary>
internal sealed record ModelHeadDocument(
    string Name,
    int LatestVersion,
    int NextVersion,
    int? ProductionVersion,
    IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyList<int> ProductionHistory,
    long AuditSequence,
    IReadOnlyDictionary<string, int> Registering)
{
    public static ModelHeadDocument Empty(string name) =>
        new(name, 0, 1, null, new Dictionary<string, int>(), [], 0, new Dictionary<string, int>());

    public ModelHead ToHead() => new(Name, LatestVersion, ProductionVersion, Aliases, ProductionHistory);
}
