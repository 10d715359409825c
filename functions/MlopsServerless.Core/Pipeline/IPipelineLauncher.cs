namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// Gets a recorded run executing: a background queue over the local engine in <c>mlops serve</c>, a new Durable
/// orchestration instance (instance id = run id) in the Functions app.
/// </summary>
public interface IPipelineLauncher
{
    /// <summary>Starts run <paramref name="runId"/> without waiting for it. Launching a run already under way is harmless.</summary>
    Task LaunchAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// The run as its engine sees it now. The local engine writes every change into the run record, so the record is
    /// the answer; the Durable launcher merges the orchestration instance's state (a Pending record whose instance
    /// runs is Running; an instance that failed before it could record why is Failed with the instance's reason).
    /// </summary>
    Task<Tracking.PipelineRun> ObserveAsync(Tracking.PipelineRun recorded, CancellationToken cancellationToken) => Task.FromResult(recorded);
}
