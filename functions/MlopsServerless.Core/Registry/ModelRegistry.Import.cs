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
    /// audit entries first (upserts of the same content, so a re-run after a crash writes the same rows again), the head
    /// last. A model with a head is skipped: imported before the crash, or registered here since. The old files stay.
    /// </summary>
    /// <exception cref="MlopsException">FailedPrecondition naming the file when a registry.json or audit.jsonl is damaged
    /// (nothing is marked done, so the import runs again once it is restored or removed).</exception>
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
            || (await store.ReadJsonAsync<RegisteredModel>(StorageLayout.Registry(name), cancellationToken).ConfigureAwait(false))?.Value is not { } model)
        {
            return 0;
        }

        var audit = new List<AuditEntry>();
        await foreach (var entry in store.ReadJsonLinesAsync<AuditEntry>(StorageLayout.Audit(name), cancellationToken).ConfigureAwait(false))
        {
            audit.Add(entry);
        }

        // Sequence numbers in file order, so the newest-first audit rows list the log exactly reversed.
        var rows = model.Versions.Select(v => Version(name, v)).Concat(audit.Select((entry, i) => Audit(name, i + 1, entry))).ToList();
        foreach (var chunk in rows.Chunk(RecordKeys.MaxBatchOperations))
        {
            await records.ExecuteAsync(Table, chunk.Select(RecordOperation.Upsert).ToList(), cancellationToken).ConfigureAwait(false);
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
}
