using System.Text.Json;
using Microsoft.DurableTask;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Serialization;
using CoreRetryPolicy = MlopsServerless.Core.Pipeline.RetryPolicy;

namespace MlopsServerless.Functions.Pipeline;

/// <summary>
/// Core's <see cref="IStepRunner"/> over a Durable orchestration: each step is one activity call, retried per the
/// step's policy by Durable itself. Payloads travel as JSON written with Core's serializer options, so the activities
/// see exactly what the local engine's checkpoints hold whatever data converter the host uses. Replay-safe: no I/O,
/// no clock, and no ConfigureAwait (the orchestration must resume on its own scheduler).
/// </summary>
internal sealed class DurableStepRunner(TaskOrchestrationContext context) : IStepRunner
{
    public async Task<TOut> RunAsync<TIn, TOut>(string step, TIn input, CoreRetryPolicy retry)
        where TIn : notnull
        where TOut : notnull
    {
        var payload = JsonSerializer.SerializeToElement(input, MlopsJson.Options);
        var output = await context.CallActivityAsync<JsonElement>(step, payload, StepRetry.OptionsFor(retry));
        return output.Deserialize<TOut>(MlopsJson.Options) ?? throw MlopsException.FailedPrecondition($"Step {step} returned nothing.");
    }
}
