using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Tests.Ingestion;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class PipelineServiceTests : IDisposable
{
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<string> VersionAsync(byte[] bytes, string file = "a.csv") =>
        (await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", file, bytes), null, CoreHarness.None)).Version!.Version;

    [Fact]
    public async Task StartAsync_SameVersionAndConfigTwice_RecordsOneRunAndRelaunchesOnlyWhileUnfinished()
    {
        var version = await VersionAsync(IngestionCsv.Good());

        var (first, created) = await _h.Pipelines.StartAsync("shop", version, null, CoreHarness.LogregOnly, "test", CoreHarness.None);
        var (second, createdAgain) = await _h.Pipelines.StartAsync("shop", version, null, CoreHarness.LogregOnly, "test", CoreHarness.None);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(PipelineStatus.Pending, second.Status);
        Assert.Equal([first.Id, first.Id], _h.Launcher.Launched);

        await _h.Runs.UpdateAsync(first.Id, r => r with { Status = PipelineStatus.Completed }, CoreHarness.None);
        await _h.Pipelines.StartAsync("shop", version, null, CoreHarness.LogregOnly, "test", CoreHarness.None);
        Assert.Equal(2, _h.Launcher.Launched.Count);
    }

    [Fact]
    public async Task StartAsync_NoVersionGiven_UsesTheNewest()
    {
        await VersionAsync(IngestionCsv.Good(30));
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        var newest = await VersionAsync(IngestionCsv.Good(31), "b.csv");

        var (run, _) = await _h.Pipelines.StartAsync("shop", null, "shop-model", null, "test", CoreHarness.None);

        Assert.Equal(newest, run.DatasetVersion);
        Assert.Equal("shop-model", run.Model);
        Assert.Equal(_h.Time.GetUtcNow(), run.CreatedAt);
    }

    [Fact]
    public async Task StartAsync_UnknownDatasetOrVersion_IsNotFound()
    {
        await VersionAsync(IngestionCsv.Good());

        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => _h.Pipelines.StartAsync("none", null, null, null, "t", CoreHarness.None))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => _h.Pipelines.StartAsync("shop", "0000000000000000", null, null, "t", CoreHarness.None))).Code);
        Assert.Empty(_h.Launcher.Launched);
    }

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public async Task StartAsync_BadConfig_IsInvalidArgument(PipelineConfig config)
    {
        var version = await VersionAsync(IngestionCsv.Good());

        var error = await Assert.ThrowsAsync<MlopsException>(() => _h.Pipelines.StartAsync("shop", version, null, config, "t", CoreHarness.None));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Empty(await _h.KeysAsync("runs/"));
    }

    public static TheoryData<PipelineConfig> BadConfigs() => new()
    {
        new PipelineConfig(ValidationFraction: 0),
        new PipelineConfig(TestFraction: 0.5, ValidationFraction: 0.4),
        new PipelineConfig(MaxParallelCandidates: 0),
        new PipelineConfig(Candidates: [new CandidateSpec("no-such-algorithm", new Dictionary<string, string>())]),
    };

    [Fact]
    public async Task StartAsync_BadModelName_IsInvalidArgument()
    {
        var version = await VersionAsync(IngestionCsv.Good());

        Assert.Equal(ErrorCode.InvalidArgument, (await Assert.ThrowsAsync<MlopsException>(() => _h.Pipelines.StartAsync("shop", version, "../x", null, "t", CoreHarness.None))).Code);
    }
}
