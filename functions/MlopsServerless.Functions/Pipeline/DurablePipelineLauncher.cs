using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Functions.Pipeline;

/// <summary>
/// <see cref="IPipelineLauncher"/> on Durable Functions: a run becomes a <see cref="TrainingPipeline"/> instance whose
/// id is the run id. Core's <see cref="PipelineService"/> and the run record decide whether a run exists and whether
/// it still needs launching (Durable would otherwise replace a Completed or Failed instance with the same id); this
/// class only avoids a second instance while one is Pending or Running. The Durable client is bound per function
/// invocation, so a function that may start runs hands its <c>[DurableClient]</c> over with <see cref="Use"/>.
/// </summary>
public sealed class DurablePipelineLauncher(RunStore runs, ILogger<DurablePipelineLauncher> logger) : IPipelineLauncher
{
    private readonly AsyncLocal<DurableTaskClient?> _client = new();

    /// <summary>Makes <paramref name="client"/> the one this invocation's launches and status reads go through, until disposed.</summary>
    public IDisposable Use(DurableTaskClient client)
    {
        var previous = _client.Value;
        _client.Value = client;
        return new Restore(() => _client.Value = previous);
    }

    public async Task LaunchAsync(string runId, CancellationToken cancellationToken)
    {
        var client = Client();
        if (await client.GetInstanceAsync(runId, cancellationToken).ConfigureAwait(false) is { } existing && IsActive(existing.RuntimeStatus))
        {
            Log.RunAlreadyRunning(logger, runId, existing.RuntimeStatus.ToString());
            return;
        }

        var run = await runs.GetRequiredAsync(runId, cancellationToken).ConfigureAwait(false);
        var request = JsonSerializer.SerializeToElement(new PipelineRequest(run.Id, run.Dataset, run.DatasetVersion, run.Model, run.Config), MlopsJson.Options);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(TrainingPipeline.Name, request, new StartOrchestrationOptions(runId), cancellationToken).ConfigureAwait(false);
            Log.RunScheduled(logger, runId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another invocation scheduled the same run between our look and our start: that instance is the run.
            if (await client.GetInstanceAsync(runId, cancellationToken).ConfigureAwait(false) is { } raced && IsActive(raced.RuntimeStatus))
            {
                Log.RunAlreadyRunning(logger, runId, raced.RuntimeStatus.ToString());
                return;
            }

            throw MlopsException.Unavailable($"Could not start the orchestration for run '{runId}': {e.Message}. Retrying may succeed.", e);
        }
    }

    public async Task<PipelineRun> ObserveAsync(PipelineRun recorded, CancellationToken cancellationToken)
    {
        if (recorded.IsFinished || _client.Value is not { } client)
        {
            return recorded;
        }

        var instance = await client.GetInstanceAsync(recorded.Id, cancellationToken).ConfigureAwait(false);
        return instance?.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended => recorded with { Status = PipelineStatus.Running },
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => recorded with
            {
                Status = PipelineStatus.Failed,
                Error = recorded.Error ?? $"The orchestration ended {instance.RuntimeStatus} before recording an outcome: {instance.FailureDetails?.ErrorMessage ?? "no reason given"}",
            },
            _ => recorded,
        };
    }

    private DurableTaskClient Client() => _client.Value
        ?? throw MlopsException.FailedPrecondition("No Durable client is bound to this invocation: the function must take [DurableClient] and call DurablePipelineLauncher.Use.");

    private static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
