using System.Text;
using System.Text.Json.Nodes;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class LocalPipelineEngineTests : IDisposable
{
    private static readonly string[] OneCandidateSteps =
        [StepNames.LoadDataset, StepNames.TrainCandidate, StepNames.EvaluateCandidate, StepNames.RegisterModel, StepNames.PromoteModel, StepNames.FinishRun];

    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<RegisteredModel> ModelAsync() => await _h.Registry.GetRequiredAsync("churn", CoreHarness.None);

    private async Task<List<string>> EventIdsAsync() => (await _h.EventLinesAsync()).Select(e => e.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task RunAsync_UploadedChurnSample_EndsWithOneProductionVersionAndAFullRunRecord()
    {
        var key = await _h.UploadAsync("churn", "day1.csv", CoreHarness.Churn());
        var (outcome, started) = await _h.Uploads.ProcessAsync(key, ChurnSample.Label, CoreHarness.None);
        Assert.Equal([started!.Id], _h.Launcher.Launched);

        var run = await _h.Engine.RunAsync(started.Id, null, CoreHarness.None);

        Assert.Equal(PipelineStatus.Completed, run.Status);
        Assert.Null(run.Error);
        Assert.Equal(outcome.Version!.Version, run.DatasetVersion);
        Assert.Equal(run.Steps.Select(s => s.Sequence).Order(), run.Steps.Select(s => s.Sequence).Order().Distinct());
        Assert.Equal(StepNames.LoadDataset, run.Steps[0].Step);
        Assert.Equal(StepNames.FinishRun, run.Steps[^1].Step);
        Assert.All(run.Steps, s => Assert.Equal(1, s.Attempts));
        Assert.Contains(run.Candidates!, c => c.Algorithm == "logreg" && c.ValidationMetrics["auc"] > 0.6);
        Assert.Equal((1, Stage.Production), (run.Registered!.Version, run.Registered.Stage));
        Assert.True(run.Promotion!.Promote);

        var model = await ModelAsync();
        var version = Assert.Single(model.Versions);
        Assert.Equal((Stage.Production, run.Id), (version.Stage, version.RunId));
        Assert.Equal(1, model.Aliases["champion"]);
        foreach (var file in new[] { ModelFiles.Model, ModelFiles.Signature, ModelFiles.Metrics, ModelFiles.Card, ModelFiles.Profile })
        {
            Assert.NotNull(await _h.Registry.ReadFileAsync("churn", 1, file, CoreHarness.None));
        }

        // The label column says yes/no: the model answers in those words, not true/false.
        var signature = await _h.Registry.ReadFileAsync("churn", 1, ModelFiles.Signature, b => MlopsJson.Deserialize<ModelSignature>(b.Span, "signature"), CoreHarness.None);
        Assert.Equal(["no", "yes"], signature!.Classes);

        var types = (await _h.EventLinesAsync()).Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal([EventTypes.DatasetVersioned, EventTypes.ModelRegistered, EventTypes.ModelPromoted, EventTypes.PipelineCompleted], types);
    }

    [Fact]
    public async Task RunAsync_AgainAndSameUploadAgain_CreateNoSecondVersionAndNoEvents()
    {
        var bytes = CoreHarness.Churn();
        var (_, started) = await _h.Uploads.ProcessAsync(await _h.UploadAsync("churn", "a.csv", bytes), ChurnSample.Label, CoreHarness.None);
        var first = await _h.Engine.RunAsync(started!.Id, null, CoreHarness.None);
        var events = await EventIdsAsync();

        var again = await _h.Engine.RunAsync(started.Id, null, CoreHarness.None);
        var (outcome, restarted) = await _h.Uploads.ProcessAsync(await _h.UploadAsync("churn", "b.csv", bytes), ChurnSample.Label, CoreHarness.None);
        var third = await _h.Engine.RunAsync(restarted!.Id, null, CoreHarness.None);

        Assert.True(outcome.Reused);
        Assert.Equal(started.Id, restarted.Id);
        Assert.Single(_h.Launcher.Launched);
        Assert.Equal(first.UpdatedAt, again.UpdatedAt);
        Assert.Equal(first.UpdatedAt, third.UpdatedAt);
        Assert.Single((await ModelAsync()).Versions);
        Assert.Equal(events, await EventIdsAsync());
    }

    [Fact]
    public async Task RunAsync_KilledAfterSecondStep_ResumesReplayingCheckpointedSteps()
    {
        var (_, run) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn());
        using var kill = new CancellationTokenSource();
        _h.Store.AfterPut = key =>
        {
            if (key.EndsWith("/steps/0002-TrainCandidate.json", StringComparison.Ordinal))
            {
                kill.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Engine.RunAsync(run.Id, null, kill.Token));
        _h.Store.AfterPut = null;
        Assert.Equal(PipelineStatus.Running, (await _h.Runs.GetRequiredAsync(run.Id, CoreHarness.None)).Status);
        Assert.Equal([run.Id], await _h.Engine.UnfinishedAsync(CoreHarness.None));
        Assert.Null(await _h.Registry.GetAsync("churn", CoreHarness.None));

        var progress = new RecordingProgress();
        var resumed = await _h.Engine.RunAsync(run.Id, progress, CoreHarness.None);

        Assert.Equal(PipelineStatus.Completed, resumed.Status);
        var states = progress.FinalStates();
        Assert.Equal((StepState.Replayed, StepState.Replayed), (states[1], states[2]));
        Assert.All(Enumerable.Range(3, 4), n => Assert.Equal(StepState.Finished, states[n]));
        Assert.Equal(OneCandidateSteps, progress.Reports.Where(r => r.State is StepState.Replayed or StepState.Finished).OrderBy(r => r.Sequence).Select(r => r.Step));
        Assert.Equal(Stage.Production, Assert.Single((await ModelAsync()).Versions).Stage);
        Assert.Empty(await _h.Engine.UnfinishedAsync(CoreHarness.None));
    }

    [Fact]
    public async Task RunAsync_CheckpointsLostAfterRegistration_RerunsTheRestWithoutASecondVersion()
    {
        var (_, run) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn());
        await _h.Engine.RunAsync(run.Id, null, CoreHarness.None);
        var eventIds = (await EventIdsAsync()).ToHashSet();

        // A crash right after steps 4-6 did their work but before their checkpoints were written.
        foreach (var key in await _h.KeysAsync($"runs/{run.Id}/steps/"))
        {
            if (string.CompareOrdinal(key, $"runs/{run.Id}/steps/0004") >= 0)
            {
                await _h.Files.DeleteAsync(key, CoreHarness.None);
            }
        }

        await _h.Runs.UpdateAsync(run.Id, r => r with { Status = PipelineStatus.Running, Steps = r.Steps.Where(s => s.Sequence < 4).ToList() }, CoreHarness.None);
        var progress = new RecordingProgress();

        var resumed = await _h.Engine.RunAsync(run.Id, progress, CoreHarness.None);

        var states = progress.FinalStates();
        Assert.Equal([StepState.Replayed, StepState.Replayed, StepState.Replayed, StepState.Finished, StepState.Finished, StepState.Finished], states.OrderBy(s => s.Key).Select(s => s.Value));
        Assert.Equal(PipelineStatus.Completed, resumed.Status);
        var version = Assert.Single((await ModelAsync()).Versions);
        Assert.Equal(Stage.Production, version.Stage);
        Assert.Equal(1, resumed.Registered!.Version);
        Assert.Equal(eventIds, (await EventIdsAsync()).ToHashSet());
    }

    [Fact]
    public async Task RunAsync_TransientStoreFailureInRegistration_IsRetriedAfterThePolicyDelay()
    {
        var (_, run) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn());
        _h.Time.AutoAdvance = true;
        _h.Store.FailOnce("put", key => key == "models/churn/1/model.json");
        var progress = new RecordingProgress();

        var finished = await _h.Engine.RunAsync(run.Id, progress, CoreHarness.None);

        Assert.Equal(PipelineStatus.Completed, finished.Status);
        Assert.Equal(2, finished.Steps.Single(s => s.Step == StepNames.RegisterModel).Attempts);
        Assert.Single(progress.Reports, r => r.State == StepState.Retrying && r.Step == StepNames.RegisterModel);
        Assert.Contains(RetryPolicy.Default.DelayBefore(2), _h.Time.RequestedDelays);
        Assert.Single((await ModelAsync()).Versions);
    }

    [Fact]
    public async Task RunAsync_FailureOutlastingRetries_FailsTheRunWithTheError()
    {
        var (_, run) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn());
        _h.Time.AutoAdvance = true;
        _h.Store.FailOnce("put", key => key == "models/churn/1/model.json", times: RetryPolicy.Default.MaxAttempts);

        var finished = await _h.Engine.RunAsync(run.Id, null, CoreHarness.None);

        Assert.Equal(PipelineStatus.Failed, finished.Status);
        Assert.Contains("injected outage", finished.Error);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _h.Time.RequestedDelays);
        Assert.Null(await _h.Registry.GetAsync("churn", CoreHarness.None));
        Assert.Contains(await _h.EventLinesAsync(), e => e.GetProperty("type").GetString() == EventTypes.PipelineFailed);
    }

    [Fact]
    public async Task RunAsync_TrainingStepFailsOnce_IsNotRetriedAndFailsTheRun()
    {
        var (_, run) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn());
        _h.Store.FailOnce("put", key => key.Contains("/artifacts/candidate-0", StringComparison.Ordinal));

        var finished = await _h.Engine.RunAsync(run.Id, null, CoreHarness.None);

        Assert.Equal(PipelineStatus.Failed, finished.Status);
        Assert.Empty(_h.Time.RequestedDelays);
        Assert.Null(await _h.Registry.GetAsync("churn", CoreHarness.None));
    }

    [Fact]
    public async Task RunAsync_SameRunTwiceAtOnce_SharesOneExecution()
    {
        var (_, run) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn());

        var a = _h.Engine.RunAsync(run.Id, null, CoreHarness.None);
        var b = _h.Engine.RunAsync(run.Id, null, CoreHarness.None);
        await Task.WhenAll(a, b);

        Assert.Same(a, b);
        Assert.Single((await ModelAsync()).Versions);
    }

    [Fact]
    public async Task RunAsync_SecondDatasetVersion_ComparesWithChampionOnTheSameTestRows()
    {
        var (_, first) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn(600, 7));
        await _h.Engine.RunAsync(first.Id, null, CoreHarness.None);
        _h.Time.Advance(TimeSpan.FromHours(1));
        var (_, second) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn(600, 8));

        var finished = await _h.Engine.RunAsync(second.Id, null, CoreHarness.None);

        Assert.Equal(PipelineStatus.Completed, finished.Status);
        Assert.Equal(1, finished.Evaluation!.ChampionVersion);
        Assert.NotNull(finished.Evaluation.ChampionMetrics);
        Assert.Equal(2, finished.Registered!.Version);
        var model = await ModelAsync();
        Assert.Single(model.Versions, v => v.Stage == Stage.Production);
        Assert.Equal(finished.Promotion!.Promote ? 2 : 1, model.Production!.Version);
    }

    [Fact]
    public async Task RunAsync_ChampionWithOtherClassNames_IsNotScoredAndTheRunCompletes()
    {
        var (_, first) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn(600, 7));
        await _h.Engine.RunAsync(first.Id, null, CoreHarness.None);
        // A champion trained when yes/no labels were read as booleans answers in true/false.
        var key = StorageLayout.ModelVersionFile("churn", 1, ModelFiles.Model);
        var file = JsonNode.Parse((await _h.Files.GetAsync(key, CoreHarness.None))!.Content.Span)!;
        file["signature"]!["classes"] = new JsonArray("false", "true");
        await _h.Files.PutAsync(key, Encoding.UTF8.GetBytes(file.ToJsonString()), WriteCondition.None, CoreHarness.None);
        _h.Time.Advance(TimeSpan.FromHours(1));
        var (_, second) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn(600, 8));

        var finished = await _h.Engine.RunAsync(second.Id, null, CoreHarness.None);

        Assert.Equal(PipelineStatus.Completed, finished.Status);
        Assert.Null(finished.Evaluation!.ChampionMetrics);
        Assert.Contains("its classes are false, true, the data's no, yes", finished.Evaluation.ChampionNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownRun_IsNotFound() =>
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => _h.Engine.RunAsync("nope", null, CoreHarness.None))).Code);
}
