using System.Diagnostics;
using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// The local engine's <see cref="IStepRunner"/>: numbers each call in issue order, replays a call whose checkpoint
/// exists, otherwise runs the step (at most <c>maxParallel</c> at once), retries transient failures per the step's
/// policy and stores the result before returning it. A killed process therefore resumes at the first step without
/// a checkpoint.
/// </summary>
internal sealed class LocalStepRunner(
    string runId,
    IObjectStore store,
    StepDispatcher dispatcher,
    RunStore runs,
    TimeProvider time,
    int maxParallel,
    IProgress<StepProgress>? progress,
    CancellationToken cancellationToken) : IStepRunner, IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxParallel);
    private int _sequence;

    public async Task<TOut> RunAsync<TIn, TOut>(string step, TIn input, RetryPolicy retry)
        where TIn : notnull
        where TOut : notnull
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var key = StorageLayout.RunStep(runId, sequence, step);
        if (await store.ReadJsonAsync<StepCheckpoint>(key, cancellationToken).ConfigureAwait(false) is { } done)
        {
            await RecordAsync(done.Value).ConfigureAwait(false);
            progress?.Report(new StepProgress(runId, sequence, step, StepState.Replayed, done.Value.Seconds, null));
            return Output<TOut>(done.Value.Output);
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            progress?.Report(new StepProgress(runId, sequence, step, StepState.Started, 0, null));
            var json = JsonSerializer.SerializeToElement(input, MlopsJson.Options);
            for (var attempt = 1; ; attempt++)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    // Steps are CPU-bound (training) as often as I/O-bound; keep them off the caller's thread so fan-out runs in parallel.
                    var output = await Task.Run(() => dispatcher.RunAsync(step, json, cancellationToken), cancellationToken).ConfigureAwait(false);
                    var seconds = Math.Round(watch.Elapsed.TotalSeconds, 3);
                    var checkpoint = new StepCheckpoint(sequence, step, attempt, seconds, time.GetUtcNow(), output);
                    await store.WriteJsonAsync(key, checkpoint, WriteCondition.None, cancellationToken).ConfigureAwait(false);
                    await RecordAsync(checkpoint).ConfigureAwait(false);
                    progress?.Report(new StepProgress(runId, sequence, step, StepState.Finished, seconds, null));
                    return Output<TOut>(output);
                }
                catch (Exception e) when (attempt < retry.MaxAttempts && RetryPolicy.IsTransient(e) && e is not OperationCanceledException)
                {
                    progress?.Report(new StepProgress(runId, sequence, step, StepState.Retrying, watch.Elapsed.TotalSeconds, e.Message));
                    await Task.Delay(retry.DelayBefore(attempt + 1), time, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    progress?.Report(new StepProgress(runId, sequence, step, StepState.Failed, watch.Elapsed.TotalSeconds, e.Message));
                    throw;
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>
    /// Adds the step to the run record unless it is there: a process killed between writing a checkpoint and the run
    /// record would otherwise leave the record one step short after the resume replays that step.
    /// </summary>
    private Task RecordAsync(StepCheckpoint checkpoint) =>
        runs.UpdateAsync(runId, r => r.Steps.Any(s => s.Sequence == checkpoint.Sequence) ? r : r with
        {
            UpdatedAt = checkpoint.FinishedAt,
            Steps = [.. r.Steps, new StepRecord(checkpoint.Sequence, checkpoint.Step, checkpoint.Attempts, checkpoint.Seconds, checkpoint.FinishedAt)],
        }, cancellationToken);

    private static TOut Output<TOut>(JsonElement output) =>
        output.Deserialize<TOut>(MlopsJson.Options) ?? throw MlopsException.FailedPrecondition("A step checkpoint is empty.");
}
