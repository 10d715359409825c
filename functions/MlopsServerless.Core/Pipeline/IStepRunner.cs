namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// The one thing a pipeline flow may do: run a named step with an input and a retry policy. The Durable orchestrator
/// implements it with <c>CallActivityAsync</c>; the local engine runs steps in process and checkpoints each result.
/// Calls are numbered in the order the flow issues them, so a replay (Durable) or a resume (local) matches every
/// call to its recorded result. Fan out by issuing several calls before awaiting them.
/// </summary>
public interface IStepRunner
{
    /// <summary>Runs step <paramref name="step"/> (one of <see cref="StepNames"/>) and returns its result.</summary>
    Task<TOut> RunAsync<TIn, TOut>(string step, TIn input, RetryPolicy retry)
        where TIn : notnull
        where TOut : notnull;
}
