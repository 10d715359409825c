using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// Runs the training flow in process for the embedded default. Every step result is checkpointed in the object store,
/// so a run interrupted by a crash or a kill continues from its last finished step when the engine next resumes it.
/// A run executes at most once at a time in this process.
/// </summary>
public sealed class LocalPipelineEngine(
    IObjectStore store,
    StepDispatcher dispatcher,
    RunStore runs,
    TimeProvider time,
    ILogger<LocalPipelineEngine> logger)
{
    private readonly Dictionary<string, Task<Tracking.PipelineRun>> _active = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Executes (or resumes) run <paramref name="runId"/> to its end and returns its final record. A finished run is returned as is.</summary>
    public Task<PipelineRun> RunAsync(string runId, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_active.TryGetValue(runId, out var running))
            {
                return running;
            }

            var task = ExecuteAsync(runId, progress, cancellationToken);
            _active[runId] = task;
            _ = task.ContinueWith(_ => { lock (_gate) { _active.Remove(runId); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }
    }

    /// <summary>The ids of runs that were started but never finished (Pending or Running), oldest first.</summary>
    public async Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        var unfinished = new List<PipelineRun>();
        foreach (var status in new[] { PipelineStatus.Pending, PipelineStatus.Running })
        {
            string? token = null;
            do
            {
                var page = await runs.ListAsync(null, status, RunStore.MaxPageSize, token, cancellationToken).ConfigureAwait(false);
                unfinished.AddRange(page.Runs.Where(r => !r.IsFinished));
                token = page.NextPageToken;
            }
            while (token is not null);
        }

        return unfinished.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
    }

    private async Task<PipelineRun> ExecuteAsync(string runId, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var run = await runs.GetRequiredAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run.IsFinished)
        {
            Log.RunReused(logger, runId);
            return run;
        }

        if (run.Status == PipelineStatus.Running)
        {
            Log.RunResumed(logger, runId, run.Steps.Count);
        }

        await runs.UpdateAsync(runId, r => r with { Status = PipelineStatus.Running, UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        using var runner = new LocalStepRunner(runId, store, dispatcher, runs, time, Math.Max(1, run.Config.MaxParallelCandidates), progress, cancellationToken);
        try
        {
            await TrainingFlow.RunAsync(runner, new PipelineRequest(run.Id, run.Dataset, run.DatasetVersion, run.Model, run.Config)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.RunFailed(logger, e, runId, e.GetType().Name);
        }

        return await runs.GetRequiredAsync(runId, cancellationToken).ConfigureAwait(false);
    }
}
