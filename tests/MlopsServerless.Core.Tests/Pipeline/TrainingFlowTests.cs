using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Pipeline.Steps;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class TrainingFlowTests
{
    private static readonly PipelineConfig TwoCandidates = new(
        Candidates: [new CandidateSpec("logreg", new Dictionary<string, string>()), new CandidateSpec("logreg", new Dictionary<string, string> { ["l2"] = "0.1" })]);

    private static PipelineRequest Request(PipelineConfig config) => new("churn-v1-abc", "churn", "v1", "churn", config);

    /// <summary>Canned step outputs: candidate 1 is better; <paramref name="fail"/> names a step that throws.</summary>
    private static Func<string, object, object> Steps(string? fail = null, double? championAuc = null) => (step, input) =>
    {
        if (step == fail)
        {
            throw MlopsException.FailedPrecondition($"{step} broke");
        }

        return step switch
        {
            StepNames.LoadDataset => new DatasetSummary("churn", "v1", "sha", 600, "churned", ModelTask.BinaryClassification, ["no", "yes"], 420, 90, 90),
            StepNames.TrainCandidate => new CandidateResult(((TrainCandidateInput)input).Index, "logreg", new Dictionary<string, string>(),
                new Dictionary<string, double> { ["auc"] = 0.7 + (0.1 * ((TrainCandidateInput)input).Index) }, $"runs/x/artifacts/c{((TrainCandidateInput)input).Index}", 0.5),
            StepNames.EvaluateCandidate => new EvaluationSummary(new Dictionary<string, double> { ["auc"] = 0.8 }, championAuc is null ? null : 1,
                championAuc is null ? null : new Dictionary<string, double> { ["auc"] = championAuc.Value }, null),
            StepNames.RegisterModel => new RegisteredVersion("churn", 2, Stage.Staging),
            StepNames.PromoteModel => new RegisteredVersion("churn", 2, Stage.Production),
            StepNames.FinishRun => new FinishResult(((FinishInput)input).RunId, ((FinishInput)input).Succeeded ? PipelineStatus.Completed : PipelineStatus.Failed),
            _ => throw new InvalidOperationException(step),
        };
    };

    private static T Input<T>(RecordingStepRunner runner, string step) =>
        JsonSerializer.Deserialize<T>(runner.Calls.Last(c => c.Step == step).Input, MlopsJson.Options)!;

    [Fact]
    public async Task RunAsync_NoChampion_CallsEveryStepInOrderAndPromotesTheBetterCandidate()
    {
        var runner = new RecordingStepRunner(Steps());

        var result = await TrainingFlow.RunAsync(runner, Request(TwoCandidates));

        Assert.Equal(
            [StepNames.LoadDataset, StepNames.TrainCandidate, StepNames.TrainCandidate, StepNames.EvaluateCandidate, StepNames.RegisterModel, StepNames.PromoteModel, StepNames.FinishRun],
            runner.Calls.Select(c => c.Step));
        Assert.Equal(1, result.Chosen.Index);
        Assert.Equal(1, Input<EvaluateInput>(runner, StepNames.EvaluateCandidate).Chosen.Index);
        Assert.Equal([0, 1], runner.Calls.Where(c => c.Step == StepNames.TrainCandidate).Select(c => JsonSerializer.Deserialize<TrainCandidateInput>(c.Input, MlopsJson.Options)!.Index));
        var finish = Input<FinishInput>(runner, StepNames.FinishRun);
        Assert.True(finish.Succeeded);
        Assert.Equal((1, 2, Stage.Production), (finish.ChosenCandidate, finish.Registered!.Version, finish.Registered.Stage));
        Assert.True(finish.Promotion!.Promote);
    }

    [Fact]
    public async Task RunAsync_ReplayedOverRecordedOutputs_IssuesTheIdenticalCallSequence()
    {
        var first = new RecordingStepRunner(Steps());
        var firstResult = await TrainingFlow.RunAsync(first, Request(TwoCandidates));

        var replay = new RecordingStepRunner(first);
        var replayResult = await TrainingFlow.RunAsync(replay, Request(TwoCandidates));

        Assert.Equal(first.Calls, replay.Calls);
        Assert.Equal(JsonSerializer.Serialize(firstResult, MlopsJson.Options), JsonSerializer.Serialize(replayResult, MlopsJson.Options));
    }

    [Fact]
    public async Task RunAsync_ChampionNotBeaten_SkipsPromotion()
    {
        var runner = new RecordingStepRunner(Steps(championAuc: 0.85));

        var result = await TrainingFlow.RunAsync(runner, Request(TwoCandidates));

        Assert.DoesNotContain(runner.Calls, c => c.Step == StepNames.PromoteModel);
        Assert.False(result.Promotion.Promote);
        Assert.Equal(Stage.Staging, Input<FinishInput>(runner, StepNames.FinishRun).Registered!.Stage);
    }

    [Fact]
    public async Task RunAsync_AutoPromoteOff_SkipsPromotion()
    {
        var runner = new RecordingStepRunner(Steps());

        await TrainingFlow.RunAsync(runner, Request(TwoCandidates with { Promotion = new PromotionPolicy(AutoPromote: false) }));

        Assert.DoesNotContain(runner.Calls, c => c.Step == StepNames.PromoteModel);
        Assert.False(Input<FinishInput>(runner, StepNames.FinishRun).Promotion!.Promote);
    }

    [Theory]
    [InlineData(StepNames.LoadDataset)]
    [InlineData(StepNames.TrainCandidate)]
    [InlineData(StepNames.EvaluateCandidate)]
    [InlineData(StepNames.RegisterModel)]
    public async Task RunAsync_StepThrows_FinishesRunAsFailedAndRethrows(string failing)
    {
        var runner = new RecordingStepRunner(Steps(fail: failing));

        var error = await Assert.ThrowsAsync<MlopsException>(() => TrainingFlow.RunAsync(runner, Request(TwoCandidates)));

        Assert.Equal($"{failing} broke", error.Message);
        Assert.Equal(StepNames.FinishRun, runner.Calls[^1].Step);
        var finish = Input<FinishInput>(runner, StepNames.FinishRun);
        Assert.False(finish.Succeeded);
        Assert.Equal($"{failing} broke", finish.Error);
        Assert.Single(runner.Calls, c => c.Step == StepNames.FinishRun);
        Assert.DoesNotContain(runner.Calls, c => c.Step == StepNames.PromoteModel);
    }

    [Fact]
    public async Task RunAsync_Canceled_DoesNotRecordAFailure()
    {
        var runner = new RecordingStepRunner((step, input) => step == StepNames.EvaluateCandidate ? throw new OperationCanceledException() : Steps()(step, input));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TrainingFlow.RunAsync(runner, Request(TwoCandidates)));

        Assert.DoesNotContain(runner.Calls, c => c.Step == StepNames.FinishRun);
    }
}
