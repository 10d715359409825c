using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using static MlopsServerless.Core.Registry.RegistryRecords;

namespace MlopsServerless.Core.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>The one-time import (see <see cref="RecordImports"/>) of <c>models/{name}/registry.json</c> and <c>audit.jsonl</c>.</summary>
    public const string ImportName = "registry-v1";

    /// <summary>
    /// Copies every model an earlier version kept as <c>registry.json</c> + <c>audit.jsonl</c> into records: versions and
    /// audit entries first, each inserted only if absent (a re-run after a crash, or another process importing at the same
    /// time, never overwrites a row, so a stage change made meanwhile stands), the head last. A model with a head is
    /// skipped: imported before the crash, or registered here since. A damaged registry.json is logged and skipped, a
    /// damaged audit.jsonl imported up to its first bad line, so one bad file never blocks the registry. The old files stay.
    /// </summary>
    private async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var item in await store.ListAllAsync(StorageLayout.ModelsPrefix, cancellationToken).ConfigureAwait(false))
        {
            var parts = item.Key.Split('/');
            if (parts.Length == 3 && parts[2] == "registry.json")
            {
                written += await ImportModelAsync(Partition(parts[1]), cancellationToken).ConfigureAwait(false);
            }
        }

        return written;
    }

    private async Task<int> ImportModelAsync(string name, CancellationToken cancellationToken)
    {
        if (await records.GetAsync(Table, name, HeadRow, cancellationToken).ConfigureAwait(false) is not null
            || await imports.ReadOldJsonAsync<RegisteredModel>(store, StorageLayout.Registry(name), cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return 0;
        }

        var audit = await imports.ReadOldLinesAsync<AuditEntry>(store, StorageLayout.Audit(name), cancellationToken).ConfigureAwait(false);

        // Sequence numbers in file order, so the newest-first audit rows list the log exactly reversed.
        var rows = model.Versions.Select(v => Version(name, v)).Concat(audit.Select((entry, i) => Audit(name, i + 1, entry))).ToList();
        foreach (var chunk in rows.Chunk(RecordKeys.MaxBatchOperations))
        {
            try
            {
                await records.ExecuteAsync(Table, chunk.Select(RecordOperation.Insert).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
            {
                // Some rows exist (an interrupted import, or one running beside this): add the others one by one, keep those.
                foreach (var row in chunk)
                {
                    await InsertIfAbsentAsync(row, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var latest = model.Versions.Count == 0 ? 0 : model.Versions.Max(v => v.Version);
        var head = new ModelHeadDocument(name, latest, latest + 1, model.Production?.Version, model.Aliases, model.ProductionHistory, audit.Count, new Dictionary<string, int>());
        await records.UpsertAsync(Table, Listing(name, model.Versions.Count == 0 ? time.GetUtcNow() : model.Versions[0].CreatedAt), cancellationToken).ConfigureAwait(false);
        try
        {
            await records.InsertAsync(Table, Head(name, head), cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            // Another process importing the same directory wrote the same head first.
            return rows.Count + 1;
        }

        return rows.Count + 2;
    }

    private async Task InsertIfAbsentAsync(Record row, CancellationToken cancellationToken)
    {
        try
        {
            await records.InsertAsync(Table, row, cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            // Already there: what is in the store is at least as new as the old file.
        }
    }
}
