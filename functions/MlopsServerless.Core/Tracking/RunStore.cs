using System.Text;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Tracking;

/// <summary>
/// Run records in the record store (table <see cref="RecordTables.Runs"/>, one partition): row <c>r-{id}</c> holds the
/// whole run, row <c>t-{newest-first createdAt}-{id}</c> is its entry in the listing index, with the dataset, status,
/// trigger, model and retried run as filterable properties. Both rows are written in one batch, the run If-Match, so
/// the index never disagrees with the run. Step checkpoints and artifacts stay in the object store.
/// </summary>
public sealed class RunStore(IRecordStore records, RecordImports imports, IObjectStore store, ILogger<RunStore> logger)
{
    /// <summary>The one-time import of the runs older versions kept as <c>runs/{id}/run.json</c>.</summary>
    public const string ImportName = "runs-v1";

    /// <summary>Most runs one page of <see cref="ListAsync"/> may ask for.</summary>
    public const int MaxPageSize = 500;

    private const string Partition = "runs";
    private const string IndexPrefix = "t-";
    private const string PageTokenPrefix = "runs1:";

    /// <summary>Creates the record, or returns the existing one with the same id (the same upload started twice).</summary>
    public async Task<(PipelineRun Run, bool Created)> CreateAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await records.ExecuteAsync(RecordTables.Runs, [RecordOperation.Insert(RunRecord(run)), RecordOperation.Upsert(IndexRecord(run))], cancellationToken)
                .ConfigureAwait(false);
            return (run, true);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            return (await GetRequiredAsync(run.Id, cancellationToken).ConfigureAwait(false), false);
        }
    }

    /// <summary>The run, or null when there is none with that id.</summary>
    /// <exception cref="MlopsException">FailedPrecondition naming the record when it is damaged.</exception>
    public async Task<PipelineRun?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(runId, cancellationToken).ConfigureAwait(false))?.Value;
    }

    /// <exception cref="MlopsException">NotFound when there is no such run.</exception>
    public async Task<PipelineRun> GetRequiredAsync(string runId, CancellationToken cancellationToken) =>
        await GetAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw MlopsException.NotFound($"There is no pipeline run '{runId}'.");

    /// <summary>
    /// Applies <paramref name="change"/> to the current record, retrying when another writer got there first. A change
    /// that returns the record it was given writes nothing. The run's id and creation time never change.
    /// </summary>
    public async Task<PipelineRun> UpdateAsync(string runId, Func<PipelineRun, PipelineRun> change, CancellationToken cancellationToken)
    {
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(runId, cancellationToken).ConfigureAwait(false)
                ?? throw MlopsException.NotFound($"There is no pipeline run '{runId}'.");
            var next = change(current.Value);
            if (ReferenceEquals(next, current.Value))
            {
                return next;
            }

            if (next.Id != current.Value.Id || next.CreatedAt != current.Value.CreatedAt)
            {
                throw new InvalidOperationException($"A change of run '{runId}' must keep its id and creation time (its index key).");
            }

            try
            {
                await records.ExecuteAsync(
                    RecordTables.Runs, [RecordOperation.Replace(RunRecord(next), current.ETag), RecordOperation.Upsert(IndexRecord(next))], cancellationToken)
                    .ConfigureAwait(false);
                return next;
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict && attempt < 25)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>
    /// Runs newest first, optionally filtered by dataset and status, a page at a time, read through the index: a page
    /// costs one index query and one point read per run on it, however many runs there are. <paramref name="pageToken"/>
    /// is the <see cref="RunPage.NextPageToken"/> of the previous page (with the same filters).
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when <paramref name="pageSize"/> is not 1-<see cref="MaxPageSize"/>
    /// or <paramref name="pageToken"/> is not one this method gave out.</exception>
    public async Task<RunPage> ListAsync(string? dataset, PipelineStatus? status, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw MlopsException.InvalidArgument($"pageSize must be between 1 and {MaxPageSize}.");
        }

        var continuation = pageToken is null ? null : DecodePageToken(pageToken);
        await EnsureImportedAsync(cancellationToken).ConfigureAwait(false);
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (dataset is not null)
        {
            // Runs hold a dataset's stored name: a name as the user gave it (a folder called "q3 churn") maps to it, and
            // nothing a caller sends reaches a store's filter unchecked.
            filters["Dataset"] = ObjectKey.SafeName(dataset);
        }

        if (status is { } wanted)
        {
            filters["Status"] = wanted.ToString();
        }

        var query = new RecordQuery(Partition) { Filters = filters, ContinuationToken = continuation }.WithPrefix(IndexPrefix);
        RecordPage index;
        try
        {
            index = await records.QueryPageAsync(RecordTables.Runs, query, pageSize, cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.InvalidArgument && continuation is not null)
        {
            throw BadPageToken();
        }

        var runs = new List<PipelineRun>(index.Records.Count);
        foreach (var entry in index.Records)
        {
            // Written in one batch with its run, so a missing run means it was removed behind the store's back.
            if (await ReadAsync(entry.Read<RunIndexEntry>(RecordTables.Runs).Id, cancellationToken).ConfigureAwait(false) is { } run)
            {
                runs.Add(run.Value);
            }
        }

        return new RunPage(runs, index.ContinuationToken is null ? null : EncodePageToken(index.ContinuationToken));
    }

    private async Task<Versioned<PipelineRun>?> ReadAsync(string runId, CancellationToken cancellationToken) =>
        await records.GetJsonAsync<PipelineRun>(RecordTables.Runs, Partition, RunKey(runId), cancellationToken).ConfigureAwait(false);

    private static string RunKey(string runId) => "r-" + ObjectKey.Name(runId, "Run id");

    private static Record RunRecord(PipelineRun run) => RecordStoreExtensions.ToRecord(Partition, RunKey(run.Id), run);

    private static Record IndexRecord(PipelineRun run)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["Status"] = run.Status.ToString() };

        // Null checks for records older versions wrote without a field; a trigger names an upload key, which may be
        // longer than a property holds (nothing filters on such a long one).
        foreach (var (name, value) in new[] { ("Dataset", run.Dataset), ("Model", run.Model), ("Trigger", run.Trigger), ("RetryOf", run.RetryOf) })
        {
            if (value is { Length: <= RecordKeys.MaxPropertyLength })
            {
                properties[name] = value;
            }
        }

        return RecordStoreExtensions.ToRecord(Partition, IndexPrefix + RecordKeys.NewestFirst(run.CreatedAt) + "-" + run.Id, new RunIndexEntry(run.Id), properties);
    }

    // The store's own token, wrapped so that callers never depend on its shape (it differs between stores).
    private static string EncodePageToken(string continuation) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(PageTokenPrefix + continuation));

    private static string DecodePageToken(string pageToken)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromHexString(pageToken));
            if (text.StartsWith(PageTokenPrefix, StringComparison.Ordinal) && text.Length > PageTokenPrefix.Length)
            {
                return text[PageTokenPrefix.Length..];
            }
        }
        catch (FormatException)
        {
        }

        throw BadPageToken();
    }

    private static MlopsException BadPageToken() =>
        MlopsException.InvalidArgument("pageToken is not one this API gave out; start again without it.");

    private Task EnsureImportedAsync(CancellationToken cancellationToken) => imports.EnsureAsync(ImportName, ImportAsync, cancellationToken);

    /// <summary>Copies every <c>runs/{id}/run.json</c> into the store once; runs already there are kept as they are.</summary>
    private async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var imported = 0;
        await foreach (var item in store.ListAsync(StorageLayout.RunsPrefix, cancellationToken).ConfigureAwait(false))
        {
            var parts = item.Key.Split('/');
            if (parts is not [_, var runId, "run.json"])
            {
                continue;
            }

            // A damaged old file is logged and skipped by ReadOldJsonAsync: one must not keep every run from being listed.
            var run = await imports.ReadOldJsonAsync<PipelineRun>(store, item.Key, cancellationToken).ConfigureAwait(false);
            if (run is null)
            {
                continue;
            }

            if (run.Id != runId)
            {
                Log.RunImportSkipped(logger, item.Key, "it does not hold the run its folder names");
                continue;
            }

            try
            {
                await records.ExecuteAsync(RecordTables.Runs, [RecordOperation.Insert(RunRecord(run)), RecordOperation.Upsert(IndexRecord(run))], cancellationToken)
                    .ConfigureAwait(false);
                imported++;
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
            {
                // Imported by an earlier, interrupted attempt (or created since): the record store's copy wins.
            }
            catch (MlopsException e) when (e.Code == ErrorCode.InvalidArgument)
            {
                // Larger than a record holds, or keys the store refuses: the file stays, the log says why.
                Log.RunImportSkipped(logger, item.Key, e.Message);
            }
        }

        return imported;
    }

    private sealed record RunIndexEntry(string Id);
}
