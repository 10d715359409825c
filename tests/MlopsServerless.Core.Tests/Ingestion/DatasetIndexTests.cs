using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Tests.Ingestion;

/// <summary>The dataset-version and quarantine indexes as ingestion writes them, including after a crash between the bytes and the index.</summary>
public sealed class DatasetIndexTests : IDisposable
{
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task IngestAsync_CrashBeforeTheFirstIndexWrite_ReprocessingTheUploadRepairsIt()
    {
        await ImportDoneAsync();
        var key = await _h.UploadAsync("shop", "day1.csv", IngestionCsv.Good(30));
        _h.RecordProbe.FailBatches(RecordTables.Datasets);

        var crash = await Assert.ThrowsAsync<MlopsException>(() => _h.Ingestor.IngestAsync(key, null, CoreHarness.None));
        Assert.Equal(ErrorCode.Unavailable, crash.Code);
        Assert.True(await _h.ExistsAsync(key), "the upload is kept until its outcome is indexed");
        Assert.Single(await _h.KeysAsync("datasets/shop/"), k => k.EndsWith("/manifest.json", StringComparison.Ordinal));
        Assert.Empty(await _h.Tables.VersionsAsync("shop", CoreHarness.None));
        Assert.Empty(await _h.Tables.DatasetsAsync(CoreHarness.None));

        var again = await _h.Uploads.ProcessAsync(key, null, CoreHarness.None);

        var version = Assert.Single(await _h.Tables.VersionsAsync("shop", CoreHarness.None));
        Assert.Equal(again.Outcome.Version!.Version, version.Version);
        Assert.Equal(["shop"], await _h.Tables.DatasetsAsync(CoreHarness.None));
        Assert.False(await _h.ExistsAsync(key));
        Assert.Single(await _h.EventLinesAsync(), e => e.GetProperty("type").GetString() == EventTypes.DatasetVersioned);
    }

    [Fact]
    public async Task IngestAsync_CrashBeforeTheVersionEntryOfAKnownDataset_ReprocessingRepairsIt()
    {
        await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "day1.csv", IngestionCsv.Good(30)), null, CoreHarness.None);
        _h.Time.Advance(TimeSpan.FromHours(1));
        var key = await _h.UploadAsync("shop", "day2.csv", IngestionCsv.Good(40));
        _h.RecordProbe.FailBatches(RecordTables.Datasets);

        await Assert.ThrowsAsync<MlopsException>(() => _h.Ingestor.IngestAsync(key, null, CoreHarness.None));
        Assert.Single(await _h.Tables.VersionsAsync("shop", CoreHarness.None));

        var again = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        var versions = await _h.Tables.VersionsAsync("shop", CoreHarness.None);
        Assert.Equal(2, versions.Count);
        Assert.Equal(again.Version!.Version, versions[^1].Version);
    }

    [Fact]
    public async Task IngestAsync_CrashBetweenReportAndIndex_ReprocessingRepairsTheQuarantineEntry()
    {
        await ImportDoneAsync();
        var key = await _h.UploadAsync("shop", "bad.csv", IngestionCsv.Good(5));
        _h.RecordProbe.FailBatches(RecordTables.Datasets);

        await Assert.ThrowsAsync<MlopsException>(() => _h.Ingestor.IngestAsync(key, null, CoreHarness.None));
        Assert.True(await _h.ExistsAsync(key));
        Assert.Empty(await _h.Quarantine.ListAsync("shop", CoreHarness.None));

        var again = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        var entry = Assert.Single(await _h.Quarantine.ListAsync("shop", CoreHarness.None));
        Assert.Equal(again.Rejection!.Id, entry.Id);
        Assert.Equal("too_few_rows", entry.Problems[0].Code);
        Assert.Equal(["shop"], await _h.Quarantine.DatasetsAsync(CoreHarness.None));
        Assert.Empty(await _h.Tables.DatasetsAsync(CoreHarness.None));
        Assert.False(await _h.ExistsAsync(key));
    }

    /// <summary>
    /// Runs the one-time import first, as any earlier use of the data directory has: otherwise the import, which indexes
    /// every stored manifest and report, would repair the crash before the re-processing under test could.
    /// </summary>
    private async Task ImportDoneAsync()
    {
        await _h.Tables.DatasetsAsync(CoreHarness.None);
        Assert.True(await _h.Imports.IsDoneAsync(DatasetIndex.ImportName, CoreHarness.None));
    }

    [Fact]
    public async Task IngestAsync_SameBytesUnderTwoNames_IsOneIndexedVersion()
    {
        var bytes = IngestionCsv.Good(30);
        await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "a.csv", bytes), null, CoreHarness.None);
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "b.csv", bytes), null, CoreHarness.None);

        Assert.Single(await _h.Tables.VersionsAsync("shop", CoreHarness.None));
    }

    [Fact]
    public async Task IngestAsync_SameBadBytesLater_KeepsOneQuarantineEntryWithTheLatestReport()
    {
        var bytes = IngestionCsv.Good(5);
        await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "x.csv", bytes), null, CoreHarness.None);
        _h.Time.Advance(TimeSpan.FromHours(2));
        await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "y.csv", IngestionCsv.Good(6)), null, CoreHarness.None);
        _h.Time.Advance(TimeSpan.FromHours(2));
        var latest = await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "x.csv", bytes), null, CoreHarness.None);

        var entries = await _h.Quarantine.ListAsync("shop", CoreHarness.None);

        Assert.Equal(2, entries.Count);
        Assert.Equal(latest.Rejection!.Id, entries[0].Id);
        Assert.Equal(_h.Time.GetUtcNow(), entries[0].ReceivedAt);
        Assert.True(entries[0].ReceivedAt > entries[1].ReceivedAt);
    }

    [Fact]
    public async Task VersionsAsync_SeveralVersions_OldestFirstPerDataset()
    {
        var made = new List<string>();
        for (var rows = 30; rows < 34; rows++)
        {
            made.Add((await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", $"d{rows}.csv", IngestionCsv.Good(rows)), null, CoreHarness.None)).Version!.Version);
            _h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await _h.Ingestor.IngestAsync(await _h.UploadAsync("other", "o.csv", IngestionCsv.Good(50)), null, CoreHarness.None);

        Assert.Equal(made, (await _h.Tables.VersionsAsync("shop", CoreHarness.None)).Select(v => v.Version));
        Assert.Equal(["other", "shop"], (await _h.Tables.DatasetsAsync(CoreHarness.None)).Order(StringComparer.Ordinal));
        Assert.Empty(await _h.Tables.VersionsAsync("none", CoreHarness.None));
    }
}
