using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tracking;

/// <summary>Run records in the object store, created once and changed by ETag-guarded read-modify-write.</summary>
public sealed class RunStore(IObjectStore store)
{
    /// <summary>Creates the record, or returns the existing one with the same id (the same upload started twice).</summary>
    public async Task<(PipelineRun Run, bool Created)> CreateAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        try
        {
            await store.WriteJsonAsync(StorageLayout.Run(run.Id), run, WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
            return (run, true);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            return (await GetRequiredAsync(run.Id, cancellationToken).ConfigureAwait(false), false);
        }
    }

    public async Task<PipelineRun?> GetAsync(string runId, CancellationToken cancellationToken) =>
        (await store.ReadJsonAsync<PipelineRun>(StorageLayout.Run(runId), cancellationToken).ConfigureAwait(false))?.Value;

    /// <exception cref="MlopsException">NotFound when there is no such run.</exception>
    public async Task<PipelineRun> GetRequiredAsync(string runId, CancellationToken cancellationToken) =>
        await GetAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw MlopsException.NotFound($"There is no pipeline run '{runId}'.");

    /// <summary>
    /// Applies <paramref name="change"/> to the current record, retrying when another writer got there first. A change
    /// that returns the record it was given writes nothing.
    /// </summary>
    public async Task<PipelineRun> UpdateAsync(string runId, Func<PipelineRun, PipelineRun> change, CancellationToken cancellationToken)
    {
        var key = StorageLayout.Run(runId);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.ReadJsonAsync<PipelineRun>(key, cancellationToken).ConfigureAwait(false)
                ?? throw MlopsException.NotFound($"There is no pipeline run '{runId}'.");
            var next = change(current.Value);
            if (ReferenceEquals(next, current.Value))
            {
                return next;
            }

            try
            {
                await store.WriteJsonAsync(key, next, WriteCondition.IfETagMatches(current.ETag), cancellationToken).ConfigureAwait(false);
                return next;
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict && attempt < 25)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>
    /// Runs newest first, optionally filtered by dataset and status, a page at a time. <paramref name="pageToken"/> is
    /// the <see cref="RunPage.NextPageToken"/> of the previous page.
    /// </summary>
    public async Task<RunPage> ListAsync(string? dataset, PipelineStatus? status, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > 500)
        {
            throw MlopsException.InvalidArgument("pageSize must be between 1 and 500.");
        }

        var skip = 0;
        if (pageToken is not null && (!int.TryParse(pageToken, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            throw MlopsException.InvalidArgument("pageToken is not one this API gave out; start again without it.");
        }

        var runs = new List<PipelineRun>();
        foreach (var item in await store.ListAllAsync(StorageLayout.RunsPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (item.Key.EndsWith("/run.json", StringComparison.Ordinal) && item.Key.Count(c => c == '/') == 2
                && await GetAsync(item.Key.Split('/')[1], cancellationToken).ConfigureAwait(false) is { } run
                && (dataset is null || run.Dataset == dataset) && (status is null || run.Status == status))
            {
                runs.Add(run);
            }
        }

        var ordered = runs.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var page = ordered.Skip(skip).Take(pageSize).ToList();
        var next = skip + page.Count < ordered.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new RunPage(page, next);
    }
}
