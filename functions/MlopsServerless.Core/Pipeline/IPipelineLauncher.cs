namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// Gets a recorded run executing: a background queue over the local engine in <c>mlops serve</c>, a new Durable
/// orchestration instance (instance id = run id) in the Functions app.
/// </summary>
public interface IPipelineLauncher
{
    /// <summary>Starts run <paramref name="runId"/> without waiting for it. Launching a run already under way is harmless.</summary>
    Task LaunchAsync(string runId, CancellationToken cancellationToken);
}
