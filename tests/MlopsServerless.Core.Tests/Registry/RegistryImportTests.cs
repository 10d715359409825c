using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Tests.Registry;

/// <summary>
/// Upgrading a data directory of the previous version: <c>models/{name}/registry.json</c> and <c>audit.jsonl</c>, written
/// here byte for byte as that version's ModelRegistry wrote them (MlopsJson: indented camelCase, enums as strings, nulls
/// left out; one compact JSON object per audit line), become records once.
/// </summary>
public sealed class RegistryImportTests : IDisposable
{
    private const string ChurnRegistry = """
        {
          "name": "churn",
          "versions": [
            {
              "version": 1,
              "runId": "churn-aaaa",
              "dataset": "churn",
              "datasetVersion": "1111111111111111",
              "algorithm": "logreg",
              "stage": "Archived",
              "metrics": {
                "auc": 0.81
              },
              "createdAt": "2026-11-01T10:00:00+00:00",
              "stageChangedAt": "2026-11-02T10:00:00+00:00"
            },
            {
              "version": 2,
              "runId": "churn-bbbb",
              "dataset": "churn",
              "datasetVersion": "2222222222222222",
              "algorithm": "gbdt",
              "stage": "Production",
              "metrics": {
                "auc": 0.86
              },
              "createdAt": "2026-11-02T09:00:00+00:00",
              "stageChangedAt": "2026-11-02T10:00:00+00:00"
            },
            {
              "version": 3,
              "runId": "churn-cccc",
              "dataset": "churn",
              "datasetVersion": "3333333333333333",
              "algorithm": "gbdt",
              "stage": "Staging",
              "metrics": {
                "auc": 0.84
              },
              "createdAt": "2026-11-03T09:00:00+00:00",
              "stageChangedAt": "2026-11-03T09:30:00+00:00"
            }
          ],
          "aliases": {
            "challenger": 3,
            "champion": 2
          },
          "productionHistory": [
            1,
            2
          ]
        }
        """;

    private const string ChurnAudit =
        """{"time":"2026-11-01T10:00:00+00:00","actor":"pipeline","action":"stage","version":1,"from":"None","to":"Production","reason":"first model"}""" + "\n" +
        """{"time":"2026-11-02T10:00:00+00:00","actor":"pipeline","action":"stage","version":2,"from":"None","to":"Production","reason":"beats the champion"}""" + "\n" +
        """{"time":"2026-11-02T10:00:00+00:00","actor":"pipeline","action":"stage","version":1,"from":"Production","to":"Archived","reason":"replaced by version 2: beats the champion"}""" + "\n" +
        """{"time":"2026-11-03T09:30:00+00:00","actor":"api:ann","action":"alias:challenger","version":3,"to":"3","reason":"try it"}""" + "\n";

    private const string FraudRegistry = """
        {
          "name": "fraud",
          "versions": [
            {
              "version": 1,
              "runId": "fraud-aaaa",
              "dataset": "fraud",
              "datasetVersion": "4444444444444444",
              "algorithm": "logreg",
              "stage": "None",
              "metrics": {},
              "createdAt": "2026-11-04T09:00:00+00:00",
              "stageChangedAt": "2026-11-04T09:00:00+00:00"
            }
          ],
          "aliases": {},
          "productionHistory": []
        }
        """;

    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task WriteOldDirectoryAsync()
    {
        await _h.Files.PutAsync("models/churn/registry.json", Encoding.UTF8.GetBytes(ChurnRegistry), WriteCondition.None, CoreHarness.None);
        await _h.Files.PutAsync("models/churn/audit.jsonl", Encoding.UTF8.GetBytes(ChurnAudit), WriteCondition.None, CoreHarness.None);
        await _h.Files.PutAsync("models/churn/2/model.json", "{}"u8.ToArray(), WriteCondition.None, CoreHarness.None);
        await _h.Files.PutAsync("models/fraud/registry.json", Encoding.UTF8.GetBytes(FraudRegistry), WriteCondition.None, CoreHarness.None);
    }

    /// <summary>A registry as a freshly started process has it: its own imports, so nothing is cached from an earlier run.</summary>
    private ModelRegistry Restarted(IRecordStore? records = null)
    {
        records ??= _h.Records;
        return new ModelRegistry(_h.Store, records, new RecordImports(records, NullLogger<RecordImports>.Instance), _h.Time, NullLogger<ModelRegistry>.Instance);
    }

    [Fact]
    public async Task FirstStart_OldDataDirectory_KeepsVersionsStagesAliasesHistoryAndAudit()
    {
        await WriteOldDirectoryAsync();

        await AssertImportedAsync(Restarted());

        Assert.True(await new RecordImports(_h.Records, NullLogger<RecordImports>.Instance).IsDoneAsync(ModelRegistry.ImportName, CoreHarness.None));
        Assert.True(await _h.ExistsAsync("models/churn/registry.json"), "the old files stay as read-only history");
        Assert.True(await _h.ExistsAsync("models/churn/audit.jsonl"));
    }

    [Fact]
    public async Task FirstStart_AnotherProcessChangedAVersionMidImport_KeepsItsChange()
    {
        await WriteOldDirectoryAsync();
        // Another process imported churn's rows and archived version 2 before this one wrote its copy from the old file
        // (its head was not written yet): the old file's "Production" must not overwrite the newer row.
        var archived = JsonSerializer.Deserialize<JsonElement>(ChurnRegistry).GetProperty("versions")[1].GetRawText().Replace("\"Production\"", "\"Archived\"", StringComparison.Ordinal);
        var newer = RecordStoreExtensions.ToRecord("churn", "v-" + RecordKeys.Ascending(2), JsonSerializer.Deserialize<ModelVersion>(archived, Serialization.MlopsJson.Options)!);
        await _h.Records.InsertAsync(RecordTables.Models, newer, CoreHarness.None);

        var version = await Restarted().FindVersionAsync("churn", 2, CoreHarness.None);

        Assert.Equal(Stage.Archived, version!.Stage);
        Assert.Equal(Stage.Staging, (await Restarted().FindVersionAsync("churn", 3, CoreHarness.None))!.Stage); // the others still imported
    }

    [Fact]
    public async Task FirstStart_AfterImport_ChangesContinueTheImportedHistory()
    {
        await WriteOldDirectoryAsync();
        var registry = Restarted();

        var registered = await registry.RegisterAsync("churn", new ModelVersionDraft("churn-dddd", "churn", "5555555555555555", "logreg",
            new Dictionary<string, double>(), new Dictionary<string, ReadOnlyMemory<byte>>()), CoreHarness.None);
        var rollback = await registry.RollbackAsync("churn", "ops", "v2 misbehaves", CoreHarness.None);

        Assert.Equal(4, registered.Version);
        Assert.Equal((1, 2), (rollback.Version, rollback.ReplacedProduction));
        var audit = await registry.AuditLogAsync("churn", CoreHarness.None);
        Assert.Equal(6, audit.Count);
        Assert.Equal(("ops", 1, "Production"), (audit[4].Actor, audit[4].Version, audit[4].To));
        Assert.Equal([1, 2, 1], (await registry.GetRequiredAsync("churn", CoreHarness.None)).ProductionHistory);
    }

    [Fact]
    public async Task Import_CrashHalfwayThenTwice_EndsAsOneCleanImportAndChangesNothingMore()
    {
        await WriteOldDirectoryAsync();
        var faulty = new FaultyRecordStore(_h.Records);
        faulty.FailBatch(ops => ops.Any(o => o.RowKey == "model"));

        await Assert.ThrowsAnyAsync<Exception>(() => Restarted(faulty).GetAsync("churn", CoreHarness.None));

        Assert.False(await new RecordImports(_h.Records, NullLogger<RecordImports>.Instance).IsDoneAsync(ModelRegistry.ImportName, CoreHarness.None));
        await AssertImportedAsync(Restarted());
        var once = await SnapshotAsync();

        // The import again, as if its marker had never been written: same records, nothing doubled.
        await _h.Records.ExecuteAsync(RecordTables.Meta, [RecordOperation.Delete("imports", ModelRegistry.ImportName, RecordOperation.AnyETag)], CoreHarness.None);
        await AssertImportedAsync(Restarted());

        Assert.Equal(once, await SnapshotAsync());
    }

    [Fact]
    public async Task Import_RunAgainAfterAChange_DoesNotUndoTheChange()
    {
        await WriteOldDirectoryAsync();
        await Restarted().SetStageAsync("churn", 3, Stage.Production, "ops", "ship it", CoreHarness.None);
        await _h.Records.ExecuteAsync(RecordTables.Meta, [RecordOperation.Delete("imports", ModelRegistry.ImportName, RecordOperation.AnyETag)], CoreHarness.None);

        var model = await Restarted().GetRequiredAsync("churn", CoreHarness.None);

        Assert.Equal(3, model.Production!.Version);
        Assert.Equal(Stage.Archived, model.Find(2)!.Stage);
        Assert.Equal(6, (await Restarted().AuditLogAsync("churn", CoreHarness.None)).Count);
    }

    private static async Task AssertImportedAsync(ModelRegistry registry)
    {
        var churn = await registry.GetRequiredAsync("churn", CoreHarness.None);
        Assert.Equal([(1, Stage.Archived, "churn-aaaa"), (2, Stage.Production, "churn-bbbb"), (3, Stage.Staging, "churn-cccc")],
            churn.Versions.Select(v => (v.Version, v.Stage, v.RunId)));
        Assert.Equal(0.86, churn.Find(2)!.Metrics["auc"]);
        Assert.Equal(DateTimeOffset.Parse("2026-11-03T09:30:00+00:00", System.Globalization.CultureInfo.InvariantCulture), churn.Find(3)!.StageChangedAt);
        Assert.Equal(new Dictionary<string, int> { ["challenger"] = 3, ["champion"] = 2 }, churn.Aliases);
        Assert.Equal([1, 2], churn.ProductionHistory);
        Assert.Equal(2, (await registry.FindProductionAsync("churn", CoreHarness.None))!.Version);

        var audit = await registry.AuditLogAsync("churn", CoreHarness.None);
        Assert.Equal(["first model", "beats the champion", "replaced by version 2: beats the champion", "try it"], audit.Select(a => a.Reason));
        Assert.Equal(("api:ann", "alias:challenger", null, "3"), (audit[3].Actor, audit[3].Action, audit[3].From, audit[3].To));
        var newest = await registry.AuditPageAsync("churn", 1, null, CoreHarness.None);
        Assert.Equal("try it", Assert.Single(newest.Entries).Reason);

        Assert.Equal(["churn", "fraud"], (await registry.ListAsync(CoreHarness.None)).Select(m => m.Name));
        Assert.Empty(await registry.AuditLogAsync("fraud", CoreHarness.None));
    }

    private async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var partition in new[] { "_models", "churn", "fraud" })
        {
            await foreach (var r in _h.Records.QueryAllAsync(RecordTables.Models, new RecordQuery(partition), CoreHarness.None))
            {
                rows.Add($"{r.PartitionKey}|{r.RowKey}|{r.Document}|{string.Join(",", r.PropertiesOrEmpty.OrderBy(p => p.Key, StringComparer.Ordinal))}");
            }
        }

        return rows;
    }
}
