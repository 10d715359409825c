using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Functions.Pipeline;

/// <summary>
/// One Durable activity per <see cref="StepNames"/> entry, each handing its JSON input to Core's
/// <see cref="StepDispatcher"/> (the same dispatch the local engine uses). Inputs and outputs are keys, hashes and
/// metrics; data rows and model bytes stay in the object store.
/// </summary>
public sealed class StepActivities(StepDispatcher dispatcher)
{
    [Function(StepNames.LoadDataset)]
    public Task<JsonElement> LoadDataset([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        RunAsync(StepNames.LoadDataset, input, cancellationToken);

    [Function(StepNames.TrainCandidate)]
    public Task<JsonElement> TrainCandidate([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        RunAsync(StepNames.TrainCandidate, input, cancellationToken);

    [Function(StepNames.EvaluateCandidate)]
    public Task<JsonElement> EvaluateCandidate([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        RunAsync(StepNames.EvaluateCandidate, input, cancellationToken);

    [Function(StepNames.RegisterModel)]
    public Task<JsonElement> RegisterModel([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        RunAsync(StepNames.RegisterModel, input, cancellationToken);

    [Function(StepNames.PromoteModel)]
    public Task<JsonElement> PromoteModel([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        RunAsync(StepNames.PromoteModel, input, cancellationToken);

    [Function(StepNames.FinishRun)]
    public Task<JsonElement> FinishRun([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        RunAsync(StepNames.FinishRun, input, cancellationToken);

    /// <summary>Runs <paramref name="step"/>; a failure Core calls transient is rethrown as <see cref="TransientStepException"/> so Durable retries it.</summary>
    public async Task<JsonElement> RunAsync(string step, JsonElement input, CancellationToken cancellationToken)
    {
        try
        {
            return await dispatcher.RunAsync(step, input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RetryPolicy.IsTransient(e) && e is not OperationCanceledException)
        {
            throw new TransientStepException($"{step} failed and may pass on a later attempt: {e.Message}", e);
        }
    }
}
