using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MlopsServerless.Core.Storage.Records;

/// <summary>
/// One-time imports of what older versions kept as JSON in the object store (<c>registry.json</c>, <c>audit.jsonl</c>,
/// <c>runs/*/run.json</c>, ...) into the record store. Each feature calls <see cref="EnsureAsync"/> before it first reads
/// its records; the import runs when no finished-marker exists (table <see cref="RecordTables.Meta"/>, partition
/// <c>imports</c>), and the marker is written only after it finished, so a crash halfway re-runs it. Imports must
/// therefore be idempotent (insert-if-absent or upsert of the same content). Checked once per process and name.
/// </summary>
public sealed class RecordImports(IRecordStore records, ILogger<RecordImports> logger)
{
    private const string Partition = "imports";
    private readonly ConcurrentDictionary<string, Lazy<Task>> _done = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="import"/> (which returns how many records it wrote) unless import <paramref name="name"/>
    /// finished before, here or in another process. A failed import is tried again on the next call.
    /// </summary>
    public async Task EnsureAsync(string name, Func<CancellationToken, Task<int>> import, CancellationToken cancellationToken)
    {
        RecordKeys.Key(name, "Import name");
        var once = _done.GetOrAdd(name, n => new Lazy<Task>(() => RunAsync(n, import)));
        try
        {
            await once.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (once.Value.IsFaulted || once.Value.IsCanceled)
        {
            _done.TryRemove(new KeyValuePair<string, Lazy<Task>>(name, once));
            throw;
        }
    }

    /// <summary>True once import <paramref name="name"/> has finished in this store.</summary>
    public async Task<bool> IsDoneAsync(string name, CancellationToken cancellationToken) =>
        await records.GetAsync(RecordTables.Meta, Partition, name, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// An old JSON document for an import, or null when absent or damaged. A damaged one is logged and left where it is:
    /// one bad file must not block the import, and with it every call of the feature that waits for it.
    /// </summary>
    public async Task<T?> ReadOldJsonAsync<T>(IObjectStore store, string key, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await store.ReadJsonAsync<T>(key, cancellationToken).ConfigureAwait(false))?.Value;
        }
        catch (Errors.MlopsException e) when (e.Code == Errors.ErrorCode.FailedPrecondition)
        {
            Log.ImportSkippedDamaged(logger, key, e.Message);
            return null;
        }
    }

    /// <summary>
    /// The items of an old JSON Lines file for an import, up to its first damaged line (a torn last line is what a crash
    /// mid-append leaves); the damage is logged and the file left where it is.
    /// </summary>
    public async Task<IReadOnlyList<T>> ReadOldLinesAsync<T>(IObjectStore store, string key, CancellationToken cancellationToken)
        where T : class
    {
        var items = new List<T>();
        try
        {
            await foreach (var item in store.ReadJsonLinesAsync<T>(key, cancellationToken).ConfigureAwait(false))
            {
                items.Add(item);
            }
        }
        catch (Errors.MlopsException e) when (e.Code == Errors.ErrorCode.FailedPrecondition)
        {
            Log.ImportStoppedAtDamage(logger, key, items.Count, e.Message);
        }

        return items;
    }

    private async Task RunAsync(string name, Func<CancellationToken, Task<int>> import)
    {
        // Not the caller's token: one caller giving up must not cancel the import others wait for.
        var cancellationToken = CancellationToken.None;
        if (await IsDoneAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var count = await import(cancellationToken).ConfigureAwait(false);
        await records.UpsertAsync(RecordTables.Meta, RecordStoreExtensions.ToRecord(Partition, name, new ImportMarker(name, count, DateTimeOffset.UtcNow)), cancellationToken)
            .ConfigureAwait(false);
        Log.RecordsImported(logger, name, count);
    }

    private sealed record ImportMarker(string Name, int Records, DateTimeOffset FinishedAt);
}
