using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Functions.Pipeline;

/// <summary>
/// The Durable orchestrator: Core's <see cref="TrainingFlow"/>, unchanged, over <see cref="DurableStepRunner"/>. The
/// instance id is the run id; the input is the <see cref="PipelineRequest"/> as JSON (see <see cref="DurablePipelineLauncher"/>).
/// </summary>
public static class TrainingPipeline
{
    public const string Name = nameof(TrainingPipeline);

    [Function(Name)]
    public static async Task<JsonElement> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var logger = context.CreateReplaySafeLogger(typeof(TrainingPipeline));
        var request = context.GetInput<JsonElement>().Deserialize<PipelineRequest>(MlopsJson.Options)
            ?? throw MlopsException.InvalidArgument($"Orchestration {context.InstanceId} has no pipeline request as input.");
        Log.PipelineStarted(logger, request.RunId, request.Dataset, request.DatasetVersion);
        try
        {
            var result = await TrainingFlow.RunAsync(new DurableStepRunner(context), request);
            Log.PipelineFinished(logger, request.RunId, result.Registered.Version, result.Registered.Stage.ToString());
            return JsonSerializer.SerializeToElement(result.Registered, MlopsJson.Options);
        }
        catch (TaskFailedException e)
        {
            Log.PipelineFailed(logger, request.RunId, e.TaskName, e.FailureDetails.ErrorType);
            throw;
        }
    }
}
