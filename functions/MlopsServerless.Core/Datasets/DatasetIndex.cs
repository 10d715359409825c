using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// The index of dataset versions and quarantined uploads in the record store (table <see cref="RecordTables.Datasets"/>),
/// so listing them is one partition query instead of a walk over the object store. Per dataset (partition = stored name):
/// rows <c>v-{createdAt ticks}-{version}</c> (the manifest, oldest first) and <c>q-{newest-first receivedAt}-{id}</c> (the
/// quarantine report, newest first); partition <c>_datasets</c> has one row per dataset saying whether it has versions,
/// rejected uploads or both. The bytes and the JSON they index stay in the object store and are written first: every
/// write here is idempotent, so processing the same upload again repairs an entry a crash left out.
/// </summary>
public sealed class DatasetIndex(IRecordStore records, RecordImports imports, IObjectStore store, ILogger<DatasetIndex> logger)
{
    /// <summary>The one-time import of the manifests and quarantine reports older versions only kept in the object store.</summary>
    public const string ImportName = "datasets-v1";

    private const string DatasetsPartition = "_datasets";
    private const string VersionPrefix = "v-";
    private const string QuarantinePrefix = "q-";
    private const string HasVersions = "Versions";
    private const string HasQuarantine = "Quarantined";

    // A document too large for a record (a manifest of thousands of columns) is read from the object key kept here.
    private const string StoredAt = "StoredAt";

    /// <summary>Indexes a committed version (its manifest is stored); indexing the same version again changes nothing.</summary>
    public async Task AddVersionAsync(DatasetManifest manifest, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        await AddVersionCoreAsync(manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every version of <paramref name="dataset"/> (a stored name), oldest first.</summary>
    /// <exception cref="MlopsException">FailedPrecondition naming the record or key when one is damaged.</exception>
    public async Task<IReadOnlyList<DatasetManifest>> VersionsAsync(string dataset, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAllAsync<DatasetManifest>(new RecordQuery(Partition(dataset)).WithPrefix(VersionPrefix), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Indexes a stored quarantine report (<paramref name="reportKey"/>) with id <paramref name="id"/>, replacing the entry an
    /// earlier report with the same id had (the same bad bytes uploaded again).
    /// </summary>
    public async Task AddQuarantinedAsync<T>(string dataset, string id, DateTimeOffset receivedAt, string reportKey, T report, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        await AddQuarantinedCoreAsync(dataset, id, receivedAt, reportKey, JsonSerializer.Serialize(report, MlopsJson.CompactOptions), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The quarantine reports of <paramref name="dataset"/> (a stored name), newest first.</summary>
    /// <exception cref="MlopsException">FailedPrecondition naming the record or key when one is damaged.</exception>
    public async Task<IReadOnlyList<T>> QuarantinedAsync<T>(string dataset, CancellationToken cancellationToken)
        where T : class
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAllAsync<T>(new RecordQuery(Partition(dataset)).WithPrefix(QuarantinePrefix), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored names of every dataset with at least one version.</summary>
    public Task<IReadOnlyList<string>> DatasetsWithVersionsAsync(CancellationToken cancellationToken) => DatasetsAsync(HasVersions, cancellationToken);

    /// <summary>The stored names of every dataset with at least one rejected upload.</summary>
    public Task<IReadOnlyList<string>> DatasetsWithQuarantineAsync(CancellationToken cancellationToken) => DatasetsAsync(HasQuarantine, cancellationToken);

    private async Task<IReadOnlyList<string>> DatasetsAsync(string kind, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        var query = new RecordQuery(DatasetsPartition) { Filters = new Dictionary<string, string> { [kind] = "true" }, PageSize = RecordQuery.MaxPageSize };
        await foreach (var record in records.QueryAllAsync(RecordTables.Datasets, query, cancellationToken).ConfigureAwait(false))
        {
            names.Add(record.RowKey);
        }

        return names;
    }

    private async Task AddVersionCoreAsync(DatasetManifest manifest, CancellationToken cancellationToken)
    {
        await MarkAsync(manifest.Dataset, HasVersions, cancellationToken).ConfigureAwait(false);
        var rowKey = VersionPrefix + RecordKeys.Ascending(manifest.CreatedAt.UtcTicks) + "-" + RecordKeys.Key(manifest.Version, "Dataset version");
        var record = Entry(Partition(manifest.Dataset), rowKey, JsonSerializer.Serialize(manifest, MlopsJson.CompactOptions),
            StorageLayout.DatasetManifest(manifest.Dataset, manifest.Version), []);
        await records.UpsertAsync(RecordTables.Datasets, record, cancellationToken).ConfigureAwait(false);
    }

    private async Task AddQuarantinedCoreAsync(string dataset, string id, DateTimeOffset receivedAt, string reportKey, string document, CancellationToken cancellationToken)
    {
        await MarkAsync(dataset, HasQuarantine, cancellationToken).ConfigureAwait(false);
        var partition = Partition(dataset);
        var record = Entry(partition, QuarantinePrefix + RecordKeys.NewestFirst(receivedAt) + "-" + RecordKeys.Key(id, "Quarantine id"), document, reportKey,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Id"] = id });
        for (var attempt = 1; ; attempt++)
        {
            // One entry per id, as there is one report.json per id: the entries of earlier reports go in the same batch.
            var query = new RecordQuery(partition) { Filters = new Dictionary<string, string> { ["Id"] = id } }.WithPrefix(QuarantinePrefix);
            var operations = new List<RecordOperation> { RecordOperation.Upsert(record) };
            await foreach (var earlier in records.QueryAllAsync(RecordTables.Datasets, query, cancellationToken).ConfigureAwait(false))
            {
                if (earlier.RowKey != record.RowKey && operations.Count < RecordKeys.MaxBatchOperations)
                {
                    operations.Add(RecordOperation.Delete(partition, earlier.RowKey, earlier.ETag ?? RecordOperation.AnyETag));
                }
            }

            try
            {
                await records.ExecuteAsync(RecordTables.Datasets, operations, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict && attempt < 25)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>Sets <paramref name="kind"/> on the dataset's row in <c>_datasets</c>, keeping what the row said before.</summary>
    private async Task MarkAsync(string dataset, string kind, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await records.GetAsync(RecordTables.Datasets, DatasetsPartition, dataset, cancellationToken).ConfigureAwait(false);
            if (current is not null && current.PropertiesOrEmpty.ContainsKey(kind))
            {
                return;
            }

            var properties = new Dictionary<string, string>(current?.PropertiesOrEmpty ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [kind] = "true" };
            var row = RecordStoreExtensions.ToRecord(DatasetsPartition, dataset, new DatasetEntry(dataset), properties);
            try
            {
                await records.ExecuteAsync(
                    RecordTables.Datasets, [current is null ? RecordOperation.Insert(row) : RecordOperation.Replace(row, current.ETag!)], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict && attempt < 25)
            {
                await Task.Yield();
            }
        }
    }

    private async Task<IReadOnlyList<T>> ReadAllAsync<T>(RecordQuery query, CancellationToken cancellationToken)
        where T : class
    {
        var values = new List<T>();
        await foreach (var record in records.QueryAllAsync(RecordTables.Datasets, query with { PageSize = RecordQuery.MaxPageSize }, cancellationToken).ConfigureAwait(false))
        {
            if (!record.PropertiesOrEmpty.TryGetValue(StoredAt, out var key))
            {
                values.Add(record.Read<T>(RecordTables.Datasets));
            }
            else if (await store.ReadJsonAsync<T>(key, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                values.Add(stored.Value);
            }
        }

        return values;
    }

    private static Record Entry(string partition, string rowKey, string document, string objectKey, Dictionary<string, string> properties)
    {
        if (document.Length <= RecordKeys.MaxDocumentLength)
        {
            return new Record(partition, rowKey, document, properties);
        }

        properties[StoredAt] = objectKey;
        return new Record(partition, rowKey, "{}", properties);
    }

    private static string Partition(string dataset) => RecordKeys.Key(ObjectKey.Name(dataset, "Dataset"), "Dataset");

    private Task EnsureImportedAsync(CancellationToken cancellationToken) => imports.EnsureAsync(ImportName, ImportAsync, cancellationToken);

    /// <summary>Indexes every <c>datasets/*/*/manifest.json</c> and <c>quarantine/*/*/report.json</c> once.</summary>
    private async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var imported = 0;
        await foreach (var item in store.ListAsync(StorageLayout.DatasetsPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (item.Key.Split('/') is [_, var dataset, var version, "manifest.json"]
                && await imports.ReadOldJsonAsync<DatasetManifest>(store, item.Key, cancellationToken).ConfigureAwait(false) is { } manifest)
            {
                if (manifest.Dataset != dataset || manifest.Version != version)
                {
                    Log.DatasetImportSkipped(logger, item.Key, "it does not describe the version its folder names");
                    continue;
                }

                imported += await ImportOneAsync(item.Key, () => AddVersionCoreAsync(manifest, cancellationToken)).ConfigureAwait(false);
            }
        }

        await foreach (var item in store.ListAsync(StorageLayout.QuarantineRoot, cancellationToken).ConfigureAwait(false))
        {
            if (item.Key.Split('/') is [_, var dataset, var id, "report.json"]
                && await imports.ReadOldJsonAsync<JsonObject>(store, item.Key, cancellationToken).ConfigureAwait(false) is { } report)
            {
                var header = Header(report);
                if (header is null || header.Dataset != dataset || header.Id != id)
                {
                    Log.DatasetImportSkipped(logger, item.Key, "it does not describe the entry its folder names");
                    continue;
                }

                imported += await ImportOneAsync(
                    item.Key, () => AddQuarantinedCoreAsync(dataset, id, header.ReceivedAt, item.Key, report.ToJsonString(MlopsJson.CompactOptions), cancellationToken))
                    .ConfigureAwait(false);
            }
        }

        return imported;
    }

    /// <summary>1 when <paramref name="write"/> indexed the file at <paramref name="key"/>; 0 (and a log line) when the record store refused it.</summary>
    private async Task<int> ImportOneAsync(string key, Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return 1;
        }
        catch (MlopsException e) when (e.Code == ErrorCode.InvalidArgument)
        {
            Log.DatasetImportSkipped(logger, key, e.Message);
            return 0;
        }
    }

    private static QuarantineHeader? Header(JsonObject report)
    {
        try
        {
            return report.Deserialize<QuarantineHeader>(MlopsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record DatasetEntry(string Name);

    private sealed record QuarantineHeader(string Dataset, string Id, DateTimeOffset ReceivedAt);
}
