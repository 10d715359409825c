using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Tests;

/// <summary>The mlops commands on a data directory the version before the record store wrote (runs, manifests and reports as JSON files only).</summary>
public sealed class UpgradeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDataDir _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task RunsAndDatasets_OldDataDirectory_ListFromTheImportedRecordsEveryTime()
    {
        var runs = await WriteOldDataDirectoryAsync();
        var expected = runs.Where(r => r.Dataset == "churn" && r.Status == PipelineStatus.Completed)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();

        var (code, output) = await MlopsProcess.RunAsync(Timeout, "runs", "--dataset", "churn", "--status", "Completed", "--json", "--data-dir", _data.Path);
        var (datasetsCode, datasets) = await MlopsProcess.RunAsync(Timeout, "datasets", "--data-dir", _data.Path);
        var (againCode, again) = await MlopsProcess.RunAsync(Timeout, "runs", "--json", "--data-dir", _data.Path);

        Assert.True(code == 0, output);
        Assert.Equal(expected, Ids(output));
        Assert.True(datasetsCode == 0, datasets);
        Assert.Matches(@"churn\s+2 version\(s\)\s+1 rejected upload\(s\)", datasets);
        Assert.True(againCode == 0, again);
        Assert.Equal(runs.Count, Ids(again).Count);
    }

    private static List<string> Ids(string json) =>
        JsonSerializer.Deserialize<JsonElement>(json.Trim()).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

    /// <summary>Writes what the previous version wrote: its layout, its JSON writer, no record store.</summary>
    private async Task<List<PipelineRun>> WriteOldDataDirectoryAsync()
    {
        var files = new FileSystemObjectStore(_data.Path);
        PipelineStatus[] statuses = [PipelineStatus.Completed, PipelineStatus.Failed, PipelineStatus.Completed];
        var runs = Enumerable.Range(0, 12).Select(i => new PipelineRun($"old-{i:D2}", i % 4 == 0 ? "fraud" : "churn", "v1", "churn", new PipelineConfig(),
            statuses[i % 3], Start.AddMinutes(i), Start.AddMinutes(i), null, "upload:incoming/churn/a.csv")).ToList();
        foreach (var run in runs)
        {
            await files.WriteJsonAsync(StorageLayout.Run(run.Id), run, WriteCondition.IfNotExists, default);
        }

        for (var rows = 30; rows < 32; rows++)
        {
            var bytes = Encoding.UTF8.GetBytes("x,label\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{i},{i % 2}\n")));
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var manifest = new DatasetManifest("churn", sha[..16], sha, "incoming/churn/a.csv", bytes.Length, rows, "label", [], Start.AddHours(rows));
            await files.PutAsync(StorageLayout.DatasetData("churn", manifest.Version), bytes, WriteCondition.IfNotExists, default);
            await files.WriteJsonAsync(StorageLayout.DatasetManifest("churn", manifest.Version), manifest, WriteCondition.IfNotExists, default);
        }

        var copy = StorageLayout.Quarantine("churn", "00112233aabbccdd", "bad.csv");
        await files.PutAsync(copy, "x\n"u8.ToArray(), WriteCondition.None, default);
        await files.WriteJsonAsync(StorageLayout.QuarantineReport("churn", "00112233aabbccdd"),
            new QuarantineReport("churn", "00112233aabbccdd", "incoming/churn/bad.csv", copy, Start, [new IngestionProblem("too_few_rows", 0, null, "add rows")]),
            WriteCondition.None, default);
        return runs;
    }
}
