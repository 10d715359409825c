using System.Text.Json;
using MlopsServerless.Core.Pipeline.Steps;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// Runs a step by name on JSON input and returns JSON output, exactly as a Durable activity receives and returns it,
/// so the local engine exercises the same serialization the Azure host depends on.
/// </summary>
public sealed class StepDispatcher(PipelineSteps steps)
{
    /// <summary>Runs <paramref name="step"/>.</summary>
    /// <exception cref="Errors.MlopsException">InvalidArgument for an unknown step name.</exception>
    public Task<JsonElement> RunAsync(string step, JsonElement input, CancellationToken cancellationToken) => step switch
    {
        StepNames.LoadDataset => Call<LoadDatasetInput, DatasetSummary>(input, steps.LoadDatasetAsync, cancellationToken),
        StepNames.TrainCandidate => Call<TrainCandidateInput, CandidateResult>(input, steps.TrainCandidateAsync, cancellationToken),
        StepNames.EvaluateCandidate => Call<EvaluateInput, EvaluationSummary>(input, steps.EvaluateCandidateAsync, cancellationToken),
        StepNames.RegisterModel => Call<RegisterInput, RegisteredVersion>(input, steps.RegisterModelAsync, cancellationToken),
        StepNames.PromoteModel => Call<PromoteInput, RegisteredVersion>(input, steps.PromoteModelAsync, cancellationToken),
        StepNames.FinishRun => Call<FinishInput, FinishResult>(input, steps.FinishRunAsync, cancellationToken),
        _ => throw Errors.MlopsException.InvalidArgument($"Unknown pipeline step '{step}'."),
    };

    private static async Task<JsonElement> Call<TIn, TOut>(JsonElement input, Func<TIn, CancellationToken, Task<TOut>> step, CancellationToken cancellationToken)
    {
        var typed = input.Deserialize<TIn>(MlopsJson.Options) ?? throw new JsonException($"The input of {typeof(TIn).Name} is empty.");
        var output = await step(typed, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToElement(output, MlopsJson.Options);
    }
}
