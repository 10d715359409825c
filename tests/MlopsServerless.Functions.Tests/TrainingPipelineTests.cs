using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Azure.Tests.Support;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage.Leases;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;
using MlopsServerless.Functions.Tests.Support;

namespace MlopsServerless.Functions.Tests;

/// <summary>
/// The orchestrator and the real activity functions in DurableTaskTestHost (real replay), started by the real Ingest
/// function, over the Blob object store on Azurite.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class TrainingPipelineTests(AzuriteFixture azurite)
{
    private const string Dataset = "churn";

    [Fact]
    public async Task Upload_FiveThousandRows_CompletesWithOneProductionVersionEventsAndSmallPayloads()
    {
        await using var harness = await DurableHarness.StartAsync(azurite);

        var run = await harness.UploadAsync(Dataset, "customers.csv", ChurnSample.Generate(5_000, 7));

        Assert.NotNull(run);
        var instance = await harness.CompletionAsync(run.Id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var model = await harness.App.GetRequiredService<ModelRegistry>().GetRequiredAsync(Dataset, default);
        var version = Assert.Single(model.Versions);
        Assert.Equal(Stage.Production, version.Stage);
        Assert.Equal(run.Id, version.RunId);
        Assert.Equal(PipelineStatus.Completed, (await harness.App.GetRequiredService<RunStore>().GetRequiredAsync(run.Id, default)).Status);
        var types = harness.Events.Published.Select(e => e.Type).ToList();
        Assert.Contains(EventTypes.DatasetVersioned, types);
        Assert.Contains(EventTypes.ModelRegistered, types);
        Assert.Contains(EventTypes.ModelPromoted, types);
        Assert.Contains(EventTypes.PipelineCompleted, types);
        Assert.DoesNotContain(EventTypes.PipelineFailed, types);
        // Every step ran, and what Durable carried (and would replay into memory) stayed a few KB: keys, hashes, metrics.
        Assert.Equal(
            [StepNames.EvaluateCandidate, StepNames.FinishRun, StepNames.LoadDataset, StepNames.PromoteModel, StepNames.RegisterModel, StepNames.TrainCandidate],
            harness.Calls.Select(c => c.Step).Distinct().Order(StringComparer.Ordinal));
        Assert.All(harness.Calls, c => Assert.True(c.InputBytes < 16 * 1024 && c.OutputBytes < 16 * 1024, $"{c.Step}: {c.InputBytes} B in, {c.OutputBytes} B out"));
    }

    [Fact]
    public async Task Ingest_UploadHeldByAnotherInstance_FailsSoTheHostRetriesAndKeepsTheUpload()
    {
        await using var harness = await DurableHarness.StartAsync(azurite);
        var key = StorageLayout.Incoming(Dataset, "held.csv");
        var otherInstance = new LeaseManager(harness.App.GetRequiredService<IRecordStore>(), TimeProvider.System);
        await using var held = await otherInstance.TryAcquireAsync(UploadProcessor.LeaseName(key), TimeSpan.FromMinutes(5), default);
        Assert.NotNull(held);

        var refused = await Assert.ThrowsAsync<MlopsException>(() => harness.UploadAsync(Dataset, "held.csv", ChurnSample.Generate(300, 5)));

        Assert.Equal(ErrorCode.Unavailable, refused.Code);
        Assert.NotNull(await harness.Store.GetInfoAsync(key, default));
    }

    [Fact]
    public async Task Upload_SameBytesTwice_StartsOneRunAndRegistersOneVersion()
    {
        await using var harness = await DurableHarness.StartAsync(azurite);
        var csv = ChurnSample.Generate(600, 3);

        var first = await harness.UploadAsync(Dataset, "monday.csv", csv);
        var second = await harness.UploadAsync(Dataset, "monday-again.csv", csv);
        var finished = await harness.CompletionAsync(first!.Id);
        var third = await harness.UploadAsync(Dataset, "after-it-finished.csv", csv);

        Assert.Equal(first.Id, second!.Id);
        Assert.Equal(first.Id, third!.Id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        var after = await harness.Client.GetInstanceAsync(first.Id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after!.RuntimeStatus);
        Assert.Equal(finished.CreatedAt, after.CreatedAt); // not replaced by a new instance with the same id
        Assert.Single((await harness.App.GetRequiredService<RunStore>().ListAsync(Dataset, null, 50, null, default)).Runs);
        Assert.Single((await harness.App.GetRequiredService<ModelRegistry>().GetRequiredAsync(Dataset, default)).Versions);
        Assert.Equal(1, harness.Calls.Count(c => c.Step == StepNames.LoadDataset));
    }

    [Fact]
    public async Task LoadDataset_TransientStoreFault_IsRetriedAndTheRunCompletes()
    {
        await using var harness = await DurableHarness.StartAsync(azurite);
        harness.FaultReads(StepNames.LoadDataset, IsDatasetData, () => MlopsException.Unavailable("injected transient fault: storage is busy"), times: 1);

        var run = await harness.UploadAsync(Dataset, "customers.csv", ChurnSample.Generate(600, 5));
        var instance = await harness.CompletionAsync(run!.Id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(1, harness.Faults.Thrown);
        var loads = harness.Calls.Where(c => c.Step == StepNames.LoadDataset).ToList();
        Assert.Equal(2, loads.Count);
        Assert.Equal(0, loads[0].OutputBytes);
        Assert.Equal(PipelineStatus.Completed, (await harness.App.GetRequiredService<RunStore>().GetRequiredAsync(run.Id, default)).Status);
    }

    [Fact]
    public async Task LoadDataset_PermanentStoreFault_FailsWithTheReasonRecordedAndPipelineFailedPublished()
    {
        await using var harness = await DurableHarness.StartAsync(azurite);
        harness.FaultReads(StepNames.LoadDataset, IsDatasetData, () => MlopsException.FailedPrecondition("injected permanent fault: the data file is damaged"));

        var run = await harness.UploadAsync(Dataset, "customers.csv", ChurnSample.Generate(600, 5));
        var instance = await harness.CompletionAsync(run!.Id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Single(harness.Calls, c => c.Step == StepNames.LoadDataset); // not transient: no retry
        var recorded = await harness.App.GetRequiredService<RunStore>().GetRequiredAsync(run.Id, default);
        Assert.Equal(PipelineStatus.Failed, recorded.Status);
        Assert.Contains("injected permanent fault: the data file is damaged", recorded.Error, StringComparison.Ordinal);
        var failed = Assert.Single(harness.Events.Published, e => e.Type == EventTypes.PipelineFailed);
        Assert.Equal($"pipelines/{run.Id}", failed.Subject);
        Assert.Null(await harness.App.GetRequiredService<ModelRegistry>().GetAsync(Dataset, default));
    }

    [Fact]
    public async Task StartPipeline_OverHttp_SchedulesTheRunThroughTheDurableClientAndGetPipelineShowsItsEnd()
    {
        await using var harness = await DurableHarness.StartAsync(azurite);
        var first = await harness.UploadAsync(Dataset, "customers.csv", ChurnSample.Generate(600, 11));
        await harness.CompletionAsync(first!.Id);

        var started = await HttpFunctionCaller.SendAsync(harness.App, harness.Client, "POST", "/api/pipelines", """{"dataset": "churn", "config": {"seed": 7}}""");

        Assert.Equal(202, started.Status);
        var runId = JsonNode.Parse(started.Body)!["id"]!.GetValue<string>();
        Assert.NotEqual(first.Id, runId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await harness.CompletionAsync(runId)).RuntimeStatus);
        var status = await HttpFunctionCaller.SendAsync(harness.App, harness.Client, "GET", $"/api/pipelines/{runId}", null);
        Assert.Equal(200, status.Status);
        Assert.Equal("Completed", JsonNode.Parse(status.Body)!["status"]!.GetValue<string>());
        Assert.Equal(2, (await harness.App.GetRequiredService<ModelRegistry>().GetRequiredAsync(Dataset, default)).Versions.Count);
    }

    /// <summary>A dataset version's data file.</summary>
    private static bool IsDatasetData(string key) => key.StartsWith("datasets/", StringComparison.Ordinal) && key.EndsWith("/data.csv", StringComparison.Ordinal);
}
