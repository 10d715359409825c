using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Pipeline.Steps;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// The training pipeline, written once: load + verify -> train candidates (fan-out) -> select on validation ->
/// evaluate against the champion on the test split -> register (Staging) -> promote if the policy passes -> finish.
/// It only calls steps and makes pure decisions: no I/O, no clock, no randomness, so Durable can replay it and the
/// local engine can resume it from checkpoints.
/// </summary>
public static class TrainingFlow
{
    public static async Task<PipelineResult> RunAsync(IStepRunner steps, PipelineRequest request)
    {
        var config = request.Config;
        try
        {
            var data = await steps.RunAsync<LoadDatasetInput, DatasetSummary>(
                StepNames.LoadDataset,
                new(request.RunId, request.Dataset, request.DatasetVersion, config.Seed, config.ValidationFraction, config.TestFraction),
                RetryPolicy.Default);
            var metric = config.PrimaryMetric ?? MetricCatalog.DefaultPrimary(data.Task);
            var training = config.CandidatesFor(data.Task)
                .Select((candidate, i) => steps.RunAsync<TrainCandidateInput, CandidateResult>(
                    StepNames.TrainCandidate,
                    new(request.RunId, i, data, candidate, metric, config.Seed, config.ValidationFraction, config.TestFraction),
                    RetryPolicy.Once))
                .ToList();
            var candidates = await Task.WhenAll(training);
            var chosen = CandidateSelection.Best(candidates, metric);
            var evaluation = await steps.RunAsync<EvaluateInput, EvaluationSummary>(
                StepNames.EvaluateCandidate,
                new(request.RunId, request.Model, data, chosen, config.Seed, config.ValidationFraction, config.TestFraction),
                RetryPolicy.Default);
            var registered = await steps.RunAsync<RegisterInput, RegisteredVersion>(
                StepNames.RegisterModel,
                new(request.RunId, request.Model, data, chosen, candidates, evaluation, metric, config.Seed, config.ValidationFraction, config.TestFraction),
                RetryPolicy.Default);
            var decision = config.EffectivePromotion.Decide(metric, evaluation.CandidateMetrics, evaluation.ChampionMetrics);
            if (decision.Promote)
            {
                registered = await steps.RunAsync<PromoteInput, RegisteredVersion>(
                    StepNames.PromoteModel, new(request.RunId, request.Model, registered.Version, decision.Reason), RetryPolicy.Default);
            }

            await steps.RunAsync<FinishInput, FinishResult>(
                StepNames.FinishRun,
                new(request.RunId, true, null, candidates, chosen.Index, evaluation, registered, decision),
                RetryPolicy.Default);
            return new PipelineResult(data, candidates, chosen, evaluation, registered, decision);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await steps.RunAsync<FinishInput, FinishResult>(
                StepNames.FinishRun, new(request.RunId, false, e.Message, null, null, null, null, null), RetryPolicy.Default);
            throw;
        }
    }
}
