using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage.Records;
using Record = MlopsServerless.Core.Storage.Records.Record;

namespace MlopsServerless.Core.Tests.Registry;

/// <summary>The registry's transaction rules on the embedded default's SQLite record store, under real concurrency.</summary>
public sealed class ModelRegistryConsistencyTests : IDisposable
{
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static ModelVersionDraft Draft(string runId) => new(
        runId, "churn", "0123456789abcdef", "logreg", new Dictionary<string, double> { ["auc"] = 0.8 },
        new Dictionary<string, ReadOnlyMemory<byte>> { [ModelFiles.Model] = Encoding.UTF8.GetBytes($"{{\"run\":\"{runId}\"}}") });

    private async Task RegisterAsync(ModelRegistry registry, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await registry.RegisterAsync("churn", Draft($"run-{i}"), CoreHarness.None);
        }
    }

    [Fact]
    public async Task RegisterAsync_TwoConcurrentAfterN_GetVersionsNPlusOneAndNPlusTwo()
    {
        await RegisterAsync(_h.Registry, 2);

        var versions = await Task.WhenAll(Task.Run(() => _h.Registry.RegisterAsync("churn", Draft("left"), CoreHarness.None)),
            Task.Run(() => _h.Registry.RegisterAsync("churn", Draft("right"), CoreHarness.None)));

        Assert.Equal([3, 4], versions.Select(v => v.Version).Order());
        var model = await _h.Registry.GetRequiredAsync("churn", CoreHarness.None);
        Assert.Equal([1, 2, 3, 4], model.Versions.Select(v => v.Version));
        Assert.Equal(["left", "right"], versions.Select(v => v.RunId).Order());
        Assert.Equal(4, (await _h.Registry.GetHeadAsync("churn", CoreHarness.None))!.LatestVersion);
    }

    [Fact]
    public async Task StageAndAliasChanges_HundredConcurrent_LeaveOneProductionAndExactlyHundredAuditEntries()
    {
        await RegisterAsync(_h.Registry, 51);
        await _h.Registry.SetStageAsync("churn", 51, Stage.Production, "setup", "the champion", CoreHarness.None);

        // 50 versions each moved to Staging once and 50 moves of one alias, all at once: every change writes exactly one
        // audit entry, and none of them may disturb the Production version.
        var changes = Enumerable.Range(1, 100).Select(i => Task.Run(() => i <= 50
            ? _h.Registry.SetStageAsync("churn", i, Stage.Staging, "t" + i, "stage " + i, CoreHarness.None)
            : _h.Registry.SetAliasAsync("churn", "candidate", i - 50, "t" + i, "alias " + i, CoreHarness.None)));
        await Task.WhenAll(changes);

        var entries = (await AuditRowsAsync()).Select(r => r.Read<AuditEntry>(RecordTables.Models)).Where(e => e.Actor != "setup").ToList();
        Assert.Equal(100, entries.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => "t" + i).Order(), entries.Select(e => e.Actor).Order());
        var model = await _h.Registry.GetRequiredAsync("churn", CoreHarness.None);
        Assert.Equal(51, Assert.Single(model.Versions, v => v.Stage == Stage.Production).Version);
        Assert.All(model.Versions.Where(v => v.Version <= 50), v => Assert.Equal(Stage.Staging, v.Stage));
        var last = (await _h.Registry.AuditLogAsync("churn", CoreHarness.None)).Last(e => e.Action == "alias:candidate");
        Assert.Equal(last.Version, model.Aliases["candidate"]);
    }

    [Fact]
    public async Task SetStageAsync_TwentyConcurrentPromotions_LeaveOneProductionAndArchiveTheRest()
    {
        await RegisterAsync(_h.Registry, 20);

        var changes = await Task.WhenAll(Enumerable.Range(1, 20).Select(v => Task.Run(() =>
            _h.Registry.SetStageAsync("churn", v, Stage.Production, "t", "promote " + v, CoreHarness.None))));

        var model = await _h.Registry.GetRequiredAsync("churn", CoreHarness.None);
        var production = Assert.Single(model.Versions, v => v.Stage == Stage.Production);
        Assert.Equal(19, model.Versions.Count(v => v.Stage == Stage.Archived));
        Assert.Equal(production.Version, model.ProductionHistory[^1]);
        Assert.Equal(20, model.ProductionHistory.Distinct().Count());
        Assert.Equal(production.Version, (await _h.Registry.FindProductionAsync("churn", CoreHarness.None))!.Version);
        // One entry per promotion and one per version it archived: 20 + 19.
        Assert.Equal(19, changes.Count(c => c.ReplacedProduction is not null));
        Assert.Equal(39, (await AuditRowsAsync()).Count);
    }

    [Fact]
    public async Task SetStageAsync_BatchFails_LeavesNeitherTheChangeNorItsAuditEntry()
    {
        var records = new FaultyRecordStore(_h.Records);
        var registry = new ModelRegistry(_h.Store, records, _h.Imports, _h.Time, NullLogger<ModelRegistry>.Instance);
        await RegisterAsync(registry, 2);
        await registry.SetStageAsync("churn", 1, Stage.Production, "alice", "first", CoreHarness.None);
        records.FailBatch(ops => ops.Any(o => o.RowKey.StartsWith("a-", StringComparison.Ordinal)));

        var error = await Assert.ThrowsAsync<MlopsException>(() => registry.SetStageAsync("churn", 2, Stage.Production, "bob", "second", CoreHarness.None));

        Assert.Equal(ErrorCode.Unavailable, error.Code);
        // The refused batch held the whole change: both versions, the head and both audit entries.
        Assert.Equal(5, Assert.Single(records.Refused).Count);
        var model = await registry.GetRequiredAsync("churn", CoreHarness.None);
        Assert.Equal((1, Stage.Production, Stage.None), (model.Production!.Version, model.Find(1)!.Stage, model.Find(2)!.Stage));
        Assert.Equal([1], model.ProductionHistory);
        Assert.Single(await registry.AuditLogAsync("churn", CoreHarness.None));

        var change = await registry.SetStageAsync("churn", 2, Stage.Production, "bob", "second", CoreHarness.None);

        Assert.Equal(1, change.ReplacedProduction);
        Assert.Equal(3, (await registry.AuditLogAsync("churn", CoreHarness.None)).Count);
    }

    [Fact]
    public async Task RegisterAsync_FilesFailAfterReservation_NoVersionUntilTheRunRegistersAgain()
    {
        _h.Store.FailOnce("put", key => key == "models/churn/1/model.json");

        await Assert.ThrowsAsync<MlopsException>(() => _h.Registry.RegisterAsync("churn", Draft("run-a"), CoreHarness.None));

        Assert.Null(await _h.Registry.GetAsync("churn", CoreHarness.None));
        Assert.Null(await _h.Registry.FindVersionAsync("churn", 1, CoreHarness.None));
        var other = await _h.Registry.RegisterAsync("churn", Draft("run-b"), CoreHarness.None);
        var again = await _h.Registry.RegisterAsync("churn", Draft("run-a"), CoreHarness.None);

        Assert.Equal((2, 1), (other.Version, again.Version));
        Assert.Contains("run-a", Encoding.UTF8.GetString((await _h.Registry.ReadFileAsync("churn", 1, ModelFiles.Model, CoreHarness.None))!.Value.Span));
        Assert.Equal([1, 2], (await _h.Registry.GetRequiredAsync("churn", CoreHarness.None)).Versions.Select(v => v.Version));
    }

    private async Task<List<Record>> AuditRowsAsync()
    {
        var rows = new List<Record>();
        await foreach (var row in _h.Records.QueryAllAsync(RecordTables.Models, new RecordQuery("churn").WithPrefix("a-"), CoreHarness.None))
        {
            rows.Add(row);
        }

        return rows;
    }
}
