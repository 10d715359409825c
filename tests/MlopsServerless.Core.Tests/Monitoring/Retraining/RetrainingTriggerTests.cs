using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Tracking;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests.Monitoring.Retraining;

public sealed class RetrainingTriggerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FileSystemObjectStore _store;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingLauncher _launcher = new();
    private readonly RecordingPublisher _events = new();
    private readonly ModelRegistry _registry;
    private readonly SqliteRecordStore _records;
    private readonly RecordImports _imports;
    private readonly RetrainingHistory _history;
    private readonly DatasetIndex _datasets;

    public RetrainingTriggerTests()
    {
        _store = new FileSystemObjectStore(_folder.Path);
        _records = new SqliteRecordStore(Path.Combine(_folder.Path, ".metadata", "records.db"));
        _registry = CoreHarness.NewRegistry(_store, _folder.Path, _time);
        _imports = new RecordImports(_records, NullLogger<RecordImports>.Instance);
        _history = new RetrainingHistory(_records, _imports, _store);
        _datasets = new DatasetIndex(_records, Imports(), _store, NullLogger<DatasetIndex>.Instance);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ConsiderAsync_Cooldown_FiresOnceSuppressesWithReasonThenFiresAgain()
    {
        await ArrangeAsync();
        var trigger = Trigger(new RetrainingOptions { Cooldown = TimeSpan.FromHours(24) });

        var first = await trigger.ConsiderAsync(Signal("psi 0.31 on tenure"), CancellationToken.None);
        _time.Now += TimeSpan.FromHours(23);
        var second = await trigger.ConsiderAsync(Signal("psi 0.35 on tenure"), CancellationToken.None);
        await AddDatasetVersionAsync(seed: 2); // new data arrives, so the next run is a new run
        _time.Now += TimeSpan.FromHours(2);
        var third = await trigger.ConsiderAsync(Signal("psi 0.40 on tenure"), CancellationToken.None);

        Assert.Equal(RetrainingOutcome.Started, first.Outcome);
        Assert.Equal(RetrainingOutcome.Suppressed, second.Outcome);
        Assert.Contains("cooldown", second.Explanation, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(first.RunId!, second.Explanation, StringComparison.Ordinal);
        Assert.Equal(RetrainingOutcome.Started, third.Outcome);
        Assert.NotEqual(first.RunId, third.RunId);
        Assert.Equal([first.RunId!, third.RunId!], _launcher.Launched);
        var run = await Runs().GetRequiredAsync(first.RunId!, CancellationToken.None);
        Assert.Equal("retrain:Drift", run.Trigger);
        Assert.Equal("psi 0.31 on tenure", run.Reason);
        Assert.Equal("churn", run.Model);
        var log = await ReadLogAsync();
        Assert.Equal([RetrainingOutcome.Started, RetrainingOutcome.Suppressed, RetrainingOutcome.Started], log.Select(d => d.Outcome));
        Assert.Equal(3, _events.Published.Count);
        Assert.All(_events.Published, e => Assert.Equal(EventTypes.DriftDetected, e.Type));
        Assert.Equal(first.RunId, _events.Published[0].Data.GetProperty("retrainingRunId").GetString());
    }

    [Fact]
    public async Task ConsiderAsync_AfterCooldownOnTheSameData_StartsANewRunNotTheFinishedOne()
    {
        await ArrangeAsync();
        var trigger = Trigger(new RetrainingOptions { Cooldown = TimeSpan.FromHours(1) });
        var runs = Runs();
        var first = await trigger.ConsiderAsync(Signal("psi 0.31 on tenure"), CancellationToken.None);
        await runs.UpdateAsync(first.RunId!, r => r with { Status = PipelineStatus.Completed }, CancellationToken.None);
        _time.Now += TimeSpan.FromHours(2);

        var second = await trigger.ConsiderAsync(Signal("psi 0.45 on tenure"), CancellationToken.None);

        Assert.Equal(RetrainingOutcome.Started, second.Outcome);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal([first.RunId!, second.RunId!], _launcher.Launched);
        var run = await runs.GetRequiredAsync(second.RunId!, CancellationToken.None);
        Assert.Equal(PipelineStatus.Pending, run.Status);
        Assert.Equal("psi 0.45 on tenure", run.Reason);
        var newest = (await new DatasetTables(_store, _datasets).VersionsAsync("customers", CancellationToken.None))[^1];
        Assert.Equal(newest.Version, run.DatasetVersion);
    }

    [Fact]
    public async Task ConsiderAsync_ConcurrentSignals_StartAtMostOneRun()
    {
        await ArrangeAsync();
        var trigger = Trigger(new RetrainingOptions());

        var decisions = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => trigger.ConsiderAsync(Signal("drift " + i), CancellationToken.None))));

        Assert.Single(decisions, d => d.Outcome == RetrainingOutcome.Started);
        Assert.Single(_launcher.Launched);
    }

    [Fact]
    public async Task ConsiderAsync_Disabled_RecordsAndStartsNothing()
    {
        await ArrangeAsync();
        var trigger = Trigger(new RetrainingOptions { Enabled = false });

        var decision = await trigger.ConsiderAsync(
            new RetrainingSignal("churn", RetrainingSignalKind.PerformanceDrop, "auc 0.71 < 0.80", _time.Now), CancellationToken.None);

        Assert.Equal(RetrainingOutcome.Disabled, decision.Outcome);
        Assert.Empty(_launcher.Launched);
        Assert.Empty(_events.Published);
        Assert.Single(await ReadLogAsync());
    }

    [Fact]
    public async Task ConsiderAsync_RunCannotStart_RecordsFailedAndGivesTheWindowBack()
    {
        var version = await _registry.RegisterAsync("churn", new ModelVersionDraft("run-0", "gone", "v0", "logreg", new Dictionary<string, double>(),
            new Dictionary<string, ReadOnlyMemory<byte>>()), CancellationToken.None);
        var trigger = Trigger(new RetrainingOptions());

        var first = await trigger.ConsiderAsync(Signal("psi 0.31 on tenure"), CancellationToken.None);
        var second = await trigger.ConsiderAsync(Signal("psi 0.32 on tenure"), CancellationToken.None);

        Assert.Equal(1, version.Version);
        Assert.Equal(RetrainingOutcome.Failed, first.Outcome);
        Assert.Equal(RetrainingOutcome.Failed, second.Outcome); // not Suppressed: the failed claim was released
        Assert.Null(await _history.GetStateAsync("churn", CancellationToken.None));
        Assert.Empty(_launcher.Launched);
    }

    [Fact]
    public async Task ListAsync_Pages_NewestFirstWithOpaqueTokensToTheEnd()
    {
        await ArrangeAsync();
        var trigger = Trigger(new RetrainingOptions { Enabled = false });
        for (var i = 0; i < 5; i++)
        {
            await trigger.ConsiderAsync(Signal("drift " + i), CancellationToken.None);
            _time.Now += TimeSpan.FromMinutes(1);
        }

        var reasons = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await _history.ListAsync("churn", 2, token, CancellationToken.None);
            reasons.AddRange(page.Decisions.Select(d => d.Reason));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(["drift 4", "drift 3", "drift 2", "drift 1", "drift 0"], reasons);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task ListAsync_TokenThisStoreNeverGaveOut_IsInvalidArgumentNamingPageToken(string token)
    {
        var e = await Assert.ThrowsAsync<MlopsException>(() => _history.ListAsync("churn", 10, token, CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("pageToken", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsiderAsync_DataDirectoryOfThePreviousVersion_ImportsItsDecisionsAndCooldownOnce()
    {
        await ArrangeAsync();
        // What the previous version left: decisions appended as JSON Lines and the cooldown claim as a document.
        var old = new[]
        {
            new RetrainingDecision("churn", RetrainingSignalKind.Drift, "old 0", _time.Now.AddHours(-3), RetrainingOutcome.Started, "Started run churn-old.", "customers", "churn-old"),
            new RetrainingDecision("churn", RetrainingSignalKind.Drift, "old 1", _time.Now.AddHours(-2), RetrainingOutcome.Suppressed, "In cooldown.", "customers", null),
            new RetrainingDecision("churn", RetrainingSignalKind.PerformanceDrop, "old 2", _time.Now.AddHours(-2), RetrainingOutcome.Suppressed, "In cooldown.", "customers", null),
        };
        var lines = string.Concat(old.Select(d => JsonSerializer.Serialize(d, MlopsJson.CompactOptions) + "\n"));
        await _store.PutAsync(StorageLayout.RetrainingLog("churn"), Encoding.UTF8.GetBytes(lines), WriteCondition.None, CancellationToken.None);
        await _store.WriteJsonAsync(StorageLayout.RetrainingState("churn"), new RetrainingState(_time.Now.AddHours(-3), "old 0", "churn-old"), WriteCondition.None,
            CancellationToken.None);

        var decision = await Trigger(new RetrainingOptions()).ConsiderAsync(Signal("new"), CancellationToken.None);
        // A crash before the import's marker was written: the next process imports again, and nothing doubles.
        await _records.TryDeleteAsync(RecordTables.Meta, "imports", RetrainingHistory.ImportName, RecordOperation.AnyETag, CancellationToken.None);
        var again = new RetrainingHistory(_records, new RecordImports(_records, NullLogger<RecordImports>.Instance), _store);
        var listed = await again.ListAsync("churn", 100, null, CancellationToken.None);

        Assert.Equal(RetrainingOutcome.Suppressed, decision.Outcome);
        Assert.Contains("churn-old", decision.Explanation, StringComparison.Ordinal);
        Assert.Empty(_launcher.Launched);
        Assert.Equal(["new", "old 2", "old 1", "old 0"], listed.Decisions.Select(d => d.Reason));
        Assert.Equal(old[0], listed.Decisions[^1]);
        Assert.Null(listed.NextPageToken);
        Assert.True(await _imports.IsDoneAsync(RetrainingHistory.ImportName, CancellationToken.None));
        Assert.NotNull(await _store.GetAsync(StorageLayout.RetrainingLog("churn"), CancellationToken.None)); // left as history
    }

    [Fact]
    public async Task ConsiderAsync_OldFilesDamaged_ImportsUpToTheDamageAndStillDecides()
    {
        await ArrangeAsync();
        // A crash mid-append left a torn last line, and the old cooldown claim is unreadable: neither may block retraining.
        var old = new RetrainingDecision("churn", RetrainingSignalKind.Drift, "old 0", _time.Now.AddDays(-3), RetrainingOutcome.Started, "Started run churn-old.", "customers", "churn-old");
        var lines = JsonSerializer.Serialize(old, MlopsJson.CompactOptions) + "\n{\"model\": \"ch";
        await _store.PutAsync(StorageLayout.RetrainingLog("churn"), Encoding.UTF8.GetBytes(lines), WriteCondition.None, CancellationToken.None);
        await _store.PutAsync(StorageLayout.RetrainingState("churn"), "{not json"u8.ToArray(), WriteCondition.None, CancellationToken.None);

        var decision = await Trigger(new RetrainingOptions()).ConsiderAsync(Signal("new"), CancellationToken.None);
        var listed = await _history.ListAsync("churn", 100, null, CancellationToken.None);

        Assert.Equal(RetrainingOutcome.Started, decision.Outcome);
        Assert.Equal(["new", "old 0"], listed.Decisions.Select(d => d.Reason));
        Assert.True(await _imports.IsDoneAsync(RetrainingHistory.ImportName, CancellationToken.None));
    }

    private RecordImports Imports() => new(_records, NullLogger<RecordImports>.Instance);

    private RunStore Runs() => new(_records, Imports(), _store, NullLogger<RunStore>.Instance);

    private RetrainingSignal Signal(string reason) => new("churn", RetrainingSignalKind.Drift, reason, _time.Now);

    private RetrainingTrigger Trigger(RetrainingOptions options)
    {
        var runs = Runs();
        var pipelines = new PipelineService(new DatasetTables(_store, _datasets), runs, _launcher, _time);
        return new RetrainingTrigger(_history, _registry, runs, pipelines, _events, Options.Create(options), _time, NullLogger<RetrainingTrigger>.Instance);
    }

    private async Task ArrangeAsync()
    {
        await AddDatasetVersionAsync(seed: 1);
        var version = await _registry.RegisterAsync("churn", new ModelVersionDraft("run-0", "customers", "v0", "logreg", new Dictionary<string, double>(),
            new Dictionary<string, ReadOnlyMemory<byte>>()), CancellationToken.None);
        await _registry.SetStageAsync("churn", version.Version, Stage.Production, "test", "test", CancellationToken.None);
    }

    private async Task AddDatasetVersionAsync(int seed)
    {
        var csv = Samples.ChurnSample.Generate(200, seed);
        var key = StorageLayout.Incoming("customers", Guid.NewGuid().ToString("N") + ".csv");
        await _store.PutAsync(key, Encoding.UTF8.GetBytes(csv), WriteCondition.None, CancellationToken.None);
        var ingestor = new DatasetIngestor(_store, _datasets, new RecordingPublisher(), _time, NullLogger<DatasetIngestor>.Instance);
        var outcome = await ingestor.IngestAsync(key, Samples.ChurnSample.Label, CancellationToken.None);
        Assert.True(outcome.Accepted, outcome.Rejection?.ToString());
    }

    private async Task<List<RetrainingDecision>> ReadLogAsync()
    {
        var newestFirst = await _history.ListAsync("churn", 100, null, CancellationToken.None);
        return newestFirst.Decisions.Reverse().ToList();
    }

    private sealed class RecordingLauncher : IPipelineLauncher
    {
        public List<string> Launched { get; } = [];

        public Task LaunchAsync(string runId, CancellationToken cancellationToken)
        {
            lock (Launched)
            {
                Launched.Add(runId);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class RecordingPublisher : IEventPublisher
    {
        public List<MlopsEvent> Published { get; } = [];

        public Task PublishAsync(MlopsEvent mlopsEvent, CancellationToken cancellationToken)
        {
            lock (Published)
            {
                Published.Add(mlopsEvent);
            }

            return Task.CompletedTask;
        }
    }
}
