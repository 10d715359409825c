using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using StoredRecord = MlopsServerless.Core.Storage.Records.Record;

namespace MlopsServerless.Core.Tests.Storage;

/// <summary>
/// One rule for damaged stored data, whatever the document: FailedPrecondition naming the key (never InvalidArgument,
/// which would blame the caller, and never a raw JSON exception).
/// </summary>
public sealed class DamagedStoredDataTests : IDisposable
{
    private static readonly byte[] Garbage = Encoding.UTF8.GetBytes("{\"versions\": [ torn");
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ModelCache_DamagedModelFile_IsFailedPreconditionNamingTheKey()
    {
        await RegisterAsync(ModelFiles.Model);

        await AssertDamagedAsync("models/churn/1/model.json", () => new ModelCache(_h.Registry).GetAsync("churn", 1, CoreHarness.None));
    }

    [Fact]
    public async Task DriftMonitor_DamagedProfileOrReport_IsFailedPreconditionNamingTheKey()
    {
        await RegisterAsync(ModelFiles.Profile);
        await _h.Registry.SetStageAsync("churn", 1, Stage.Production, "test", "test", CoreHarness.None);
        var report = StorageLayout.DriftReport("churn", _h.Time.GetUtcNow());
        await _h.Files.PutAsync(report, Garbage, WriteCondition.None, CoreHarness.None);
        var trigger = new RetrainingTrigger(_h.RetrainingHistory, _h.Registry, _h.Runs, _h.Pipelines, _h.Events, Options.Create(new RetrainingOptions()), _h.Time,
            NullLogger<RetrainingTrigger>.Instance);
        var monitor = new DriftMonitor(_h.Store, _h.Registry, new PredictionLogReader(_h.Store), trigger, Options.Create(new DriftMonitorOptions()), _h.Time);

        await AssertDamagedAsync(report, () => monitor.LatestAsync("churn", CoreHarness.None));
        await AssertDamagedAsync("models/churn/1/profile.json", () => monitor.CheckAsync("churn", CoreHarness.None));
    }

    [Fact]
    public async Task RunRecord_Damaged_IsFailedPreconditionNamingTheKey()
    {
        await _h.Records.UpsertAsync(RecordTables.Runs, new StoredRecord("runs", "r-r1", Encoding.UTF8.GetString(Garbage)), CoreHarness.None);

        await AssertDamagedAsync("runs/runs/r-r1", () => _h.Runs.GetAsync("r1", CoreHarness.None));
    }

    [Fact]
    public async Task OldRegistryFiles_Damaged_AreImportedUpToTheDamageWithoutBlockingTheRegistry()
    {
        // What an earlier version left: one model whose audit log ends in a torn line (a crash mid-append), one whose
        // registry.json is unreadable. Neither may stop the registry from working for every model.
        var at = DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var version = new ModelVersion(1, "run-0", "customers", "v1", "logreg", Stage.Production, new Dictionary<string, double>(), at, at);
        await _h.Files.WriteJsonAsync("models/churn/registry.json", new RegisteredModel("churn", [version], new Dictionary<string, int>(), [1]), WriteCondition.None, CoreHarness.None);
        var good = JsonSerializer.Serialize(new AuditEntry(at, "ann", "stage", 1, "None", "Production", "first"), MlopsJson.CompactOptions);
        await _h.Files.PutAsync("models/churn/audit.jsonl", Encoding.UTF8.GetBytes(good + "\n{\"time\": torn"), WriteCondition.None, CoreHarness.None);
        await _h.Files.PutAsync("models/broken/registry.json", Garbage, WriteCondition.None, CoreHarness.None);

        var audit = await _h.Registry.AuditLogAsync("churn", CoreHarness.None);
        var models = await _h.Registry.ListAsync(CoreHarness.None);

        Assert.Equal("first", Assert.Single(audit).Reason);
        Assert.Equal(["churn"], models.Select(m => m.Name));
        Assert.Equal(1, (await _h.Registry.FindProductionAsync("churn", CoreHarness.None))!.Version);
        Assert.Null(await _h.Registry.GetAsync("broken", CoreHarness.None));
        Assert.True(await _h.Imports.IsDoneAsync(ModelRegistry.ImportName, CoreHarness.None));
        Assert.NotNull(await _h.Files.GetAsync("models/broken/registry.json", CoreHarness.None)); // left where it was
    }

    [Fact]
    public async Task Registry_DamagedRecords_AreFailedPreconditionNamingTheRecord()
    {
        await RegisterAsync(ModelFiles.Card);
        await _h.Registry.SetAliasAsync("churn", "champion", 1, "test", "test", CoreHarness.None);
        var audit = await FirstRowAsync("a-");
        await _h.Records.UpsertAsync(RecordTables.Models, audit with { Document = "{\"time\": torn" }, CoreHarness.None);
        var version = await FirstRowAsync("v-");
        await _h.Records.UpsertAsync(RecordTables.Models, version with { Document = "[" }, CoreHarness.None);

        await AssertDamagedAsync($"models/churn/{audit.RowKey}", () => _h.Registry.AuditLogAsync("churn", CoreHarness.None));
        await AssertDamagedAsync($"models/churn/{version.RowKey}", () => new ModelSelector(1).ResolveAsync(_h.Registry, "churn", CoreHarness.None));
    }

    private async Task<StoredRecord> FirstRowAsync(string prefix) =>
        (await _h.Records.QueryAsync(RecordTables.Models, new RecordQuery("churn").WithPrefix(prefix), CoreHarness.None)).Records[0];

    private Task RegisterAsync(string damagedFile) => _h.Registry.RegisterAsync("churn", new ModelVersionDraft("run-0", "d", "v", "logreg",
        new Dictionary<string, double>(), new Dictionary<string, ReadOnlyMemory<byte>> { [damagedFile] = Garbage }), CoreHarness.None);

    private static async Task AssertDamagedAsync<T>(string key, Func<Task<T>> read)
    {
        var e = await Assert.ThrowsAsync<MlopsException>(read);
        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
        Assert.Contains($"'{key}'", e.Message, StringComparison.Ordinal);
    }
}
