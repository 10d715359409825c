using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Serialization;
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
    public async Task RetryAsync_FailedRun_IsANewRunLinkedBothWaysAndTheSameRetryWhenAskedTwice()
    {
        var version = await VersionAsync(IngestionCsv.Good());
        var (failed, _) = await _h.Pipelines.StartAsync("shop", version, null, CoreHarness.LogregOnly, "test", CoreHarness.None);
        await _h.Runs.UpdateAsync(failed.Id, r => r with { Status = PipelineStatus.Failed, Error = "disk full" }, CoreHarness.None);

        var (retry, created) = await _h.Pipelines.RetryAsync(failed.Id, "test:retry", CoreHarness.None);
        var (again, createdAgain) = await _h.Pipelines.RetryAsync(failed.Id, "test:retry", CoreHarness.None);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(retry.Id, again.Id);
        Assert.Equal(failed.Id + "-a2", retry.Id);
        Assert.Equal((failed.Dataset, failed.DatasetVersion, failed.Model), (retry.Dataset, retry.DatasetVersion, retry.Model));
        Assert.Equal(MlopsJson.Serialize(failed.Config), MlopsJson.Serialize(retry.Config));
        Assert.Equal(PipelineStatus.Pending, retry.Status);
        Assert.Equal(2, retry.Attempt);
        Assert.Equal(failed.Id, retry.RetryOf);
        Assert.Contains("disk full", retry.Reason, StringComparison.Ordinal);
        Assert.Equal(retry.Id, (await _h.Runs.GetRequiredAsync(failed.Id, CoreHarness.None)).RetriedBy);
        Assert.Equal([failed.Id, retry.Id, retry.Id], _h.Launcher.Launched);

        await _h.Runs.UpdateAsync(retry.Id, r => r with { Status = PipelineStatus.Failed }, CoreHarness.None);
        var (third, _) = await _h.Pipelines.RetryAsync(retry.Id, "test:retry", CoreHarness.None);
        Assert.Equal(failed.Id + "-a3", third.Id);
        Assert.Equal(3, third.Attempt);
    }

    [Theory]
    [InlineData(PipelineStatus.Completed)]
    [InlineData(PipelineStatus.Running)]
    public async Task RetryAsync_RunThatHasNotFailed_IsFailedPrecondition(PipelineStatus status)
    {
        var version = await VersionAsync(IngestionCsv.Good());
        var (run, _) = await _h.Pipelines.StartAsync("shop", version, null, CoreHarness.LogregOnly, "test", CoreHarness.None);
        await _h.Runs.UpdateAsync(run.Id, r => r with { Status = status }, CoreHarness.None);

        var error = await Assert.ThrowsAsync<MlopsException>(() => _h.Pipelines.RetryAsync(run.Id, "test", CoreHarness.None));

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
        Assert.Contains("only a failed run can be retried", error.Message, StringComparison.Ordinal);
        Assert.Single(_h.Launcher.Launched);
    }

    [Fact]
    public async Task RetryAsync_UnknownRun_IsNotFound() =>
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => _h.Pipelines.RetryAsync("nothing-here", "t", CoreHarness.None))).Code);

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
