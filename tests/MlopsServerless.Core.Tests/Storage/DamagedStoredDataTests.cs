using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
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
    public async Task Registry_DamagedRegistryJson_IsFailedPreconditionNamingTheKey()
    {
        await _h.Files.PutAsync("models/churn/registry.json", Garbage, WriteCondition.None, CoreHarness.None);

        await AssertDamagedAsync("models/churn/registry.json", () => _h.Registry.GetRequiredAsync("churn", CoreHarness.None));
    }

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
    public async Task AuditLogAndRunRecord_Damaged_AreFailedPreconditionNamingTheKey()
    {
        // An audit.jsonl left by an earlier version, imported on first use.
        await _h.Files.PutAsync("models/churn/registry.json", "{\"name\":\"churn\",\"versions\":[],\"aliases\":{},\"productionHistory\":[]}"u8.ToArray(), WriteCondition.None, CoreHarness.None);
        await _h.Files.AppendAsync("models/churn/audit.jsonl", Garbage, CoreHarness.None);
        await _h.Records.UpsertAsync(RecordTables.Runs, new StoredRecord("runs", "r-r1", Encoding.UTF8.GetString(Garbage)), CoreHarness.None);

        await AssertDamagedAsync("models/churn/audit.jsonl", () => _h.Registry.AuditLogAsync("churn", CoreHarness.None));
        await AssertDamagedAsync("runs/runs/r-r1", () => _h.Runs.GetAsync("r1", CoreHarness.None));
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
