namespace MlopsServerless.Core.Datasets;

/// <summary>
/// The immutable description of one dataset version (<c>datasets/{dataset}/{version}/manifest.json</c>): its content
/// address, where it came from, its label and a profile of every column. The version id is the first 16 hex digits of
/// the SHA-256 of the uploaded bytes, so the same bytes always make the same version.
/// </summary>
public sealed record DatasetManifest(
    string Dataset,
    string Version,
    string Sha256,
    string Source,
    long SizeBytes,
    long RowCount,
    string Label,
    IReadOnlyList<ColumnProfile> Columns,
    DateTimeOffset CreatedAt)
{
    /// <summary>The dataset as the user named it (its folder under incoming/), when that differs from <see cref="Dataset"/>.</summary>
    public string? DatasetName { get; init; }

    /// <summary>The manifest's schema version, for readers of older manifests.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The profile of the column called <paramref name="name"/>, or null.</summary>
    public ColumnProfile? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}
