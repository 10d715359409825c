using System.Security.Cryptography;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// Reads dataset versions: the version index, manifests, hash verification and typed tables. The last few tables are
/// kept in memory, because every step of a run reads the same version and parsing a large CSV dominates otherwise.
/// </summary>
public sealed class DatasetTables(IObjectStore store, DatasetIndex index)
{
    private const int Kept = 2;
    private readonly Dictionary<string, Task<Table>> _tables = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private readonly Lock _gate = new();

    /// <exception cref="MlopsException">NotFound when the dataset version does not exist.</exception>
    public async Task<DatasetManifest> ManifestAsync(string dataset, string version, CancellationToken cancellationToken) =>
        (await store.ReadJsonAsync<DatasetManifest>(StorageLayout.DatasetManifest(dataset, version), cancellationToken).ConfigureAwait(false))?.Value
        ?? throw MlopsException.NotFound($"Dataset '{dataset}' has no version '{version}'. List versions with GET /api/datasets/{dataset}/versions.");

    /// <summary>Every version of <paramref name="dataset"/>, oldest first, from the version index.</summary>
    public Task<IReadOnlyList<DatasetManifest>> VersionsAsync(string dataset, CancellationToken cancellationToken) =>
        index.VersionsAsync(dataset, cancellationToken);

    /// <summary>The names of every dataset that has at least one version, from the version index.</summary>
    public Task<IReadOnlyList<string>> DatasetsAsync(CancellationToken cancellationToken) => index.DatasetsWithVersionsAsync(cancellationToken);

    /// <summary>Re-hashes the stored data and compares it with the manifest.</summary>
    /// <exception cref="MlopsException">FailedPrecondition when the bytes changed or are gone since the version was made.</exception>
    public async Task VerifyAsync(DatasetManifest manifest, CancellationToken cancellationToken)
    {
        var key = StorageLayout.DatasetData(manifest.Dataset, manifest.Version);
        await using var content = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.FailedPrecondition($"Dataset '{manifest.Dataset}' version {manifest.Version} has a manifest but no data ({key}).");
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));
        if (actual != manifest.Sha256)
        {
            throw MlopsException.FailedPrecondition(
                $"Dataset '{manifest.Dataset}' version {manifest.Version} is damaged: its data hashes to {actual[..16]}..., the manifest says {manifest.Sha256[..16]}....");
        }
    }

    /// <summary>The version's rows as a typed table, with the column kinds recorded in its manifest.</summary>
    public Task<Table> TableAsync(DatasetManifest manifest, CancellationToken cancellationToken)
    {
        var id = manifest.Dataset + "/" + manifest.Version;
        lock (_gate)
        {
            if (_tables.TryGetValue(id, out var cached) && !cached.IsFaulted && !cached.IsCanceled)
            {
                return cached;
            }

            var loading = LoadAsync(manifest, cancellationToken);
            _tables[id] = loading;
            _order.Remove(id);
            _order.AddFirst(id);
            while (_order.Count > Kept)
            {
                _tables.Remove(_order.Last!.Value);
                _order.RemoveLast();
            }

            return loading;
        }
    }

    private async Task<Table> LoadAsync(DatasetManifest manifest, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenReadAsync(StorageLayout.DatasetData(manifest.Dataset, manifest.Version), cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.FailedPrecondition($"Dataset '{manifest.Dataset}' version {manifest.Version} has no data.");
        // A yes/no label is read as text, so the model's classes (and its answers) are the user's own words, not true/false.
        var columns = manifest.Columns.Select(c => c.Name == manifest.Label && c.Kind == ColumnKind.Boolean ? c with { Kind = ColumnKind.Categorical } : c).ToList();
        return await TableLoader.LoadAsync(content, columns, manifest.RowCount, cancellationToken).ConfigureAwait(false);
    }
}
