using System.Globalization;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>
/// A model's retraining records in table <see cref="RecordTables.Monitoring"/> (partition = model): the cooldown claim
/// (row <c>state</c>, changed only If-Match, so of two concurrent claims one wins) and every decision (rows
/// <c>d-{newest first}-{8 hex}</c>, so a page of the partition lists the newest first). Decisions older versions
/// appended to <c>retraining.jsonl</c>, and their <c>retraining-state.json</c>, are imported once (<c>monitoring-v1</c>).
/// </summary>
public sealed class RetrainingHistory(IRecordStore records, RecordImports imports, IObjectStore store)
{
    /// <summary>Name of the one-time import of the JSON written before the record store.</summary>
    public const string ImportName = "monitoring-v1";

    private const string StateRow = "state";
    private const string DecisionPrefix = "d-";

    /// <summary>Records <paramref name="decision"/>.</summary>
    public async Task AddAsync(RetrainingDecision decision, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        var row = DecisionRow(decision.DecidedAt, Guid.NewGuid().ToString("N")[..8]);
        await records.InsertAsync(RecordTables.Monitoring, RecordStoreExtensions.ToRecord(decision.Model, row, decision), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Up to <paramref name="pageSize"/> decisions about <paramref name="model"/>, newest first, after the page
    /// <paramref name="pageToken"/> (the previous page's <see cref="RetrainingDecisionPage.NextPageToken"/>) ended.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument for an invalid model name, a page size outside 1-1000 or a page token this store did not give out.</exception>
    public async Task<RetrainingDecisionPage> ListAsync(string model, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        RecordKeys.Key(model, "Model");
        if (pageSize is < 1 or > RecordQuery.MaxPageSize)
        {
            throw MlopsException.InvalidArgument($"pageSize must be between 1 and {RecordQuery.MaxPageSize}; got {pageSize}.");
        }

        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        var query = new RecordQuery(model).WithPrefix(DecisionPrefix) with { ContinuationToken = pageToken };
        RecordPage page;
        try
        {
            page = await records.QueryPageAsync(RecordTables.Monitoring, query, pageSize, cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.InvalidArgument && pageToken is not null)
        {
            // Model and size were checked above: what the store refused is the token.
            throw MlopsException.InvalidArgument("pageToken is not one this API gave out; start again without it.");
        }

        return new RetrainingDecisionPage(page.Records.Select(r => r.Read<RetrainingDecision>(RecordTables.Monitoring)).ToList(), page.ContinuationToken);
    }

    /// <summary>The model's cooldown claim with its ETag, or null when no retraining was ever claimed.</summary>
    public async Task<Versioned<RetrainingState>?> GetStateAsync(string model, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        return await records.GetJsonAsync<RetrainingState>(RecordTables.Monitoring, model, StateRow, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="state"/> as the model's claim: inserted when <paramref name="ifMatch"/> is null, else
    /// replaced only while the claim still has that ETag. Returns the new ETag.
    /// </summary>
    /// <exception cref="MlopsException">Conflict when another trigger changed the claim first.</exception>
    public async Task<string> ClaimAsync(string model, RetrainingState state, string? ifMatch, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        return await WriteStateAsync(model, state, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives a claim back after its run failed to start: restores <paramref name="previous"/> (or removes the claim when
    /// there was none), but only while the claim is still <paramref name="claimed"/>; a newer claim stands.
    /// </summary>
    public async Task ReleaseAsync(string model, Versioned<RetrainingState>? previous, string claimed, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        if (previous is null)
        {
            await records.TryDeleteAsync(RecordTables.Monitoring, model, StateRow, claimed, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await WriteStateAsync(model, previous.Value, claimed, cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            // Someone claimed the window since; theirs stands.
        }
    }

    private async Task<string> WriteStateAsync(string model, RetrainingState state, string? ifMatch, CancellationToken cancellationToken)
    {
        var record = RecordStoreExtensions.ToRecord(model, StateRow, state);
        return ifMatch is null
            ? await records.InsertAsync(RecordTables.Monitoring, record, cancellationToken).ConfigureAwait(false)
            : await records.ReplaceAsync(RecordTables.Monitoring, record, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    // The import calls WriteStateAsync, never a public method: those wait for the import, which would then wait for itself.
    private Task EnsureImportedAsync(CancellationToken cancellationToken) => imports.EnsureAsync(ImportName, ImportAsync, cancellationToken);

    private static string DecisionRow(DateTimeOffset decidedAt, string suffix) => $"{DecisionPrefix}{RecordKeys.NewestFirst(decidedAt)}-{suffix}";

    // monitoring/{model}/retraining.jsonl and monitoring/{model}/retraining-state.json of every model. Decisions get row
    // keys from their time and line number, so a re-run upserts the same rows; a claim is only inserted, so a newer one stands.
    private async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var imported = 0;
        var models = (await store.ListAllAsync("monitoring/", cancellationToken).ConfigureAwait(false))
            .Select(i => i.Key.Split('/'))
            .Where(parts => parts.Length == 3 && parts[2] is "retraining.jsonl" or "retraining-state.json")
            .Select(parts => parts[1])
            .Distinct(StringComparer.Ordinal);
        foreach (var model in models)
        {
            imported += await ImportDecisionsAsync(model, cancellationToken).ConfigureAwait(false);
            if (await imports.ReadOldJsonAsync<RetrainingState>(store, StorageLayout.RetrainingState(model), cancellationToken).ConfigureAwait(false) is { } state)
            {
                try
                {
                    await WriteStateAsync(model, state, null, cancellationToken).ConfigureAwait(false);
                    imported++;
                }
                catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
                {
                    // Imported by an earlier, interrupted run (or claimed anew since): keep what is there.
                }
            }
        }

        return imported;
    }

    private async Task<int> ImportDecisionsAsync(string model, CancellationToken cancellationToken)
    {
        // A damaged line (a torn last one) ends what is imported; the decisions before it are facts worth keeping.
        var decisions = await imports.ReadOldLinesAsync<RetrainingDecision>(store, StorageLayout.RetrainingLog(model), cancellationToken).ConfigureAwait(false);

        // Of two decisions at the same time the later line sorts first, as the newest should.
        var upserts = decisions.Select((decision, line) => RecordOperation.Upsert(RecordStoreExtensions.ToRecord(
            model, DecisionRow(decision.DecidedAt, (uint.MaxValue - (uint)line).ToString("x8", CultureInfo.InvariantCulture)), decision))).ToArray();
        foreach (var batch in upserts.Chunk(RecordKeys.MaxBatchOperations))
        {
            await records.ExecuteAsync(RecordTables.Monitoring, batch, cancellationToken).ConfigureAwait(false);
        }

        return upserts.Length;
    }
}
