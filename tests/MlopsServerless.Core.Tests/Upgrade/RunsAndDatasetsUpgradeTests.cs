using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Tests.Upgrade;

/// <summary>
/// A data directory written by the version before the record store: runs only as <c>runs/{id}/run.json</c>, dataset
/// versions only as manifests, quarantine entries only as reports, each written the way that version wrote them. The
/// first use imports them once; listings, filters and paging then work from the record store, and importing again
/// changes nothing.
/// </summary>
public sealed class RunsAndDatasetsUpgradeTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CoreHarness _h = new();
    private readonly List<PipelineRun> _oldRuns = [];
    private readonly List<DatasetManifest> _oldVersions = [];
    private readonly List<QuarantineReport> _oldReports = [];

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task FirstUse_OldDataDirectory_RunsListFilterAndPageFromTheRecordStore()
    {
        await WriteOldDataDirectoryAsync();

        var expected = _oldRuns.Where(r => r.Dataset == "churn" && r.Status == PipelineStatus.Completed)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _h.Runs.ListAsync("churn", PipelineStatus.Completed, 4, token, CoreHarness.None);
            Assert.InRange(page.Runs.Count, 1, 4);
            seen.AddRange(page.Runs.Select(r => r.Id));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(expected, seen);
        Assert.Equal(_oldRuns.Count, (await _h.Runs.ListAsync(null, null, 500, null, CoreHarness.None)).Runs.Count);
        var retried = await _h.Runs.GetRequiredAsync("old-03", CoreHarness.None);
        Assert.Equal(("old-03-retry", 1), (retried.RetriedBy, retried.Steps.Count));
        Assert.Equal("old-03", (await _h.Runs.GetRequiredAsync("old-03-retry", CoreHarness.None)).RetryOf);
        Assert.True(await _h.Imports.IsDoneAsync(RunStore.ImportName, CoreHarness.None));
    }

    [Fact]
    public async Task FirstUse_OldDataDirectory_UnfinishedRunsResumeAndChangesAreIndexed()
    {
        await WriteOldDataDirectoryAsync();

        var unfinished = await _h.Engine.UnfinishedAsync(CoreHarness.None);
        await _h.Runs.UpdateAsync(unfinished[0], r => r with { Status = PipelineStatus.Failed }, CoreHarness.None);

        Assert.Equal(_oldRuns.Where(r => !r.IsFinished).OrderBy(r => r.CreatedAt).Select(r => r.Id), unfinished);
        Assert.Contains(unfinished[0], (await _h.Runs.ListAsync(null, PipelineStatus.Failed, 500, null, CoreHarness.None)).Runs.Select(r => r.Id));
        Assert.True(await _h.ExistsAsync($"runs/{unfinished[0]}/steps/0001-prepare.json"), "step checkpoints stay in the object store");
    }

    [Fact]
    public async Task FirstUse_OldDataDirectory_DatasetVersionsAndQuarantineSurvive()
    {
        await WriteOldDataDirectoryAsync();

        Assert.Equal(["churn", "fraud"], (await _h.Tables.DatasetsAsync(CoreHarness.None)).Order(StringComparer.Ordinal));
        Assert.Equal(
            _oldVersions.Where(v => v.Dataset == "churn").OrderBy(v => v.CreatedAt).Select(v => (v.Version, v.Sha256, v.RowCount)),
            (await _h.Tables.VersionsAsync("churn", CoreHarness.None)).Select(v => (v.Version, v.Sha256, v.RowCount)));
        Assert.Equal(["churn"], await _h.Quarantine.DatasetsAsync(CoreHarness.None));
        Assert.Equal(
            _oldReports.OrderByDescending(r => r.ReceivedAt).Select(r => (r.Id, r.Problems[0].Code, r.QuarantinedFile)),
            (await _h.Quarantine.ListAsync("churn", CoreHarness.None)).Select(r => (r.Id, r.Problems[0].Code, r.QuarantinedFile)));
        Assert.True(await _h.Imports.IsDoneAsync(DatasetIndex.ImportName, CoreHarness.None));
    }

    [Fact]
    public async Task FirstUse_DamagedOldRunJson_IsSkippedAndEveryOtherRunImported()
    {
        await WriteOldDataDirectoryAsync();
        await _h.Files.PutAsync("runs/torn/run.json", "{\"id\": \"torn\", "u8.ToArray(), WriteCondition.None, CoreHarness.None);

        var all = await _h.Runs.ListAsync(null, null, 500, null, CoreHarness.None);

        Assert.Equal(_oldRuns.Count, all.Runs.Count);
        Assert.Null(await _h.Runs.GetAsync("torn", CoreHarness.None));
        Assert.True(await _h.ExistsAsync("runs/torn/run.json"), "the import never deletes old files");
    }

    [Fact]
    public async Task FirstUse_OldRunJsonWithoutModelAndTrigger_IsImportedAndListed()
    {
        var old = JsonSerializer.SerializeToNode(Run("bare", "churn", PipelineStatus.Completed, 90), MlopsJson.Options)!.AsObject();
        old.Remove("model");
        old.Remove("trigger");
        await _h.Files.PutAsync(StorageLayout.Run("bare"), Encoding.UTF8.GetBytes(old.ToJsonString()), WriteCondition.IfNotExists, CoreHarness.None);

        var listed = (await _h.Runs.ListAsync("churn", PipelineStatus.Completed, 10, null, CoreHarness.None)).Runs;

        Assert.Equal("bare", Assert.Single(listed).Id);
    }

    [Fact]
    public async Task ImportAgain_AfterTheFirstImport_ChangesNothing()
    {
        await WriteOldDataDirectoryAsync();
        await _h.Runs.ListAsync(null, null, 1, null, CoreHarness.None);
        await _h.Tables.DatasetsAsync(CoreHarness.None);
        await _h.Runs.CreateAsync(Run("new-1", "churn", PipelineStatus.Running, 500), CoreHarness.None);
        await _h.Runs.UpdateAsync("old-01", r => r with { Status = PipelineStatus.Failed, Error = "changed after the import" }, CoreHarness.None);
        var before = await SnapshotAsync();

        // As if the first import had crashed before its marker: a new process runs both imports again.
        await _h.Records.TryDeleteAsync(RecordTables.Meta, "imports", RunStore.ImportName, RecordOperation.AnyETag, CoreHarness.None);
        await _h.Records.TryDeleteAsync(RecordTables.Meta, "imports", DatasetIndex.ImportName, RecordOperation.AnyETag, CoreHarness.None);
        var imports = new RecordImports(_h.Records, NullLogger<RecordImports>.Instance);
        var runs = new RunStore(_h.Records, imports, _h.Store, NullLogger<RunStore>.Instance);
        var index = new DatasetIndex(_h.Records, imports, _h.Store, NullLogger<DatasetIndex>.Instance);
        await runs.ListAsync(null, null, 1, null, CoreHarness.None);
        await index.DatasetsWithVersionsAsync(CoreHarness.None);

        Assert.True(await imports.IsDoneAsync(RunStore.ImportName, CoreHarness.None));
        Assert.True(await imports.IsDoneAsync(DatasetIndex.ImportName, CoreHarness.None));
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal("changed after the import", (await runs.GetRequiredAsync("old-01", CoreHarness.None)).Error);
    }

    private static PipelineRun Run(string id, string dataset, PipelineStatus status, int minute) =>
        new(id, dataset, "v1", dataset + "-model", new PipelineConfig(), status, Start.AddMinutes(minute), Start.AddMinutes(minute + 1), null, "upload:incoming/" + dataset + "/x.csv");

    /// <summary>Writes the files the previous version wrote, with its layout and its JSON writer.</summary>
    private async Task WriteOldDataDirectoryAsync()
    {
        PipelineStatus[] statuses = [PipelineStatus.Completed, PipelineStatus.Failed, PipelineStatus.Completed, PipelineStatus.Running, PipelineStatus.Pending];
        for (var i = 0; i < 25; i++)
        {
            _oldRuns.Add(Run($"old-{i:D2}", i % 3 == 0 ? "fraud" : "churn", statuses[i % 5], i / 2)
                with { Steps = [new StepRecord(1, "prepare", 1, 0.5, Start.AddMinutes(i))] });
        }

        var failed = _oldRuns.FindIndex(r => r.Id == "old-03");
        _oldRuns[failed] = _oldRuns[failed] with { Status = PipelineStatus.Failed, RetriedBy = "old-03-retry" };
        _oldRuns.Add(Run("old-03-retry", _oldRuns[failed].Dataset, PipelineStatus.Completed, 40) with { RetryOf = "old-03", Attempt = 2 });
        foreach (var run in _oldRuns)
        {
            await _h.Files.WriteJsonAsync(StorageLayout.Run(run.Id), run, WriteCondition.IfNotExists, CoreHarness.None);
            await _h.Files.WriteJsonAsync($"runs/{run.Id}/steps/0001-prepare.json", new { Step = "prepare" }, WriteCondition.None, CoreHarness.None);
        }

        foreach (var (dataset, rows, minute) in new[] { ("churn", 30, 1), ("churn", 31, 2), ("fraud", 32, 3), ("churn", 33, 0) })
        {
            var bytes = Ingestion.IngestionCsv.Good(rows);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var manifest = new DatasetManifest(dataset, sha[..16], sha, $"incoming/{dataset}/{rows}.csv", bytes.Length, rows, "label", [], Start.AddHours(minute));
            _oldVersions.Add(manifest);
            await _h.Files.PutAsync(StorageLayout.DatasetData(dataset, manifest.Version), bytes, WriteCondition.IfNotExists, CoreHarness.None);
            await _h.Files.WriteJsonAsync(StorageLayout.DatasetManifest(dataset, manifest.Version), manifest, WriteCondition.IfNotExists, CoreHarness.None);
        }

        await _h.Files.WriteJsonAsync(StorageLayout.DatasetContract("churn"), new DatasetContract("label"), WriteCondition.None, CoreHarness.None);
        foreach (var (text, code, hours) in new[] { ("x\n", "too_few_rows", 5), ("", "empty_file", 7) })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var id = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            var copy = StorageLayout.Quarantine("churn", id, "bad.csv");
            var report = new QuarantineReport("churn", id, "incoming/churn/bad.csv", copy, Start.AddHours(hours), [new IngestionProblem(code, 0, null, "what to fix")])
            {
                DatasetName = "churn",
                FileName = "bad.csv",
                SizeBytes = bytes.Length,
                Sha256 = id,
            };
            _oldReports.Add(report);
            await _h.Files.PutAsync(copy, bytes, WriteCondition.None, CoreHarness.None);
            await _h.Files.WriteJsonAsync(StorageLayout.QuarantineReport("churn", id), report, WriteCondition.None, CoreHarness.None);
        }
    }

    /// <summary>Every run and dataset record's keys, document and properties (not ETags: an idempotent rewrite may renew them).</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        var lines = new List<string>();
        foreach (var (table, partition) in new[] { (RecordTables.Runs, "runs"), (RecordTables.Datasets, "_datasets"), (RecordTables.Datasets, "churn"), (RecordTables.Datasets, "fraud") })
        {
            await foreach (var record in _h.Records.QueryAllAsync(table, new RecordQuery(partition), CoreHarness.None))
            {
                lines.Add($"{table}/{partition}/{record.RowKey} {record.Document} {string.Join(",", record.PropertiesOrEmpty.OrderBy(p => p.Key, StringComparer.Ordinal))}");
            }
        }

        Assert.NotEmpty(lines);
        return lines;
    }
}
