namespace MlopsServerless.Core.Registry;

/// <summary>
/// A model with all its versions in order, named aliases pointing at versions, and the order in which versions were in
/// Production (for rollback): what list and show answer, read from the model's records. It is also the shape of the
/// <c>models/{name}/registry.json</c> earlier versions stored, which the one-time <c>registry-v1</c> import reads.
/// </summary>
public sealed record RegisteredModel(
    string Name,
    IReadOnlyList<ModelVersion> Versions,
    IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyList<int> ProductionHistory)
{
    /// <summary>The version in Production, or null.</summary>
    public ModelVersion? Production => Versions.LastOrDefault(v => v.Stage == Stage.Production);

    /// <summary>The newest version, or null when none is registered.</summary>
    public ModelVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>Version <paramref name="version"/>, or null.</summary>
    public ModelVersion? Find(int version) => Versions.FirstOrDefault(v => v.Version == version);
}
