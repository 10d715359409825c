using System.Security.Cryptography;
using System.Text;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Leases;

namespace MlopsServerless.Core.Tests.Ingestion;

/// <summary>The defects of issue 12 on the upload side, each with the behaviour that fixes it.</summary>
public sealed class UploadHardeningTests : IDisposable
{
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task IngestAsync_UploadGrowsWhileRead_LeavesItWholeForALaterPassAndVersionsNothing()
    {
        var key = await _h.UploadAsync("shop", "growing.csv", IngestionCsv.Good(2000));
        var rest = Encoding.UTF8.GetString(IngestionCsv.Good(3000)).Split('\n', 2)[1];
        _h.Store.AfterPut = k =>
        {
            if (k.StartsWith("staging/", StringComparison.Ordinal))
            {
                _h.Store.AfterPut = null;
                _h.Files.AppendAsync(key, Encoding.UTF8.GetBytes(rest), CoreHarness.None).GetAwaiter().GetResult();
            }
        };

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.NotNull(outcome.Deferred);
        Assert.Null(outcome.Version);
        Assert.Null(outcome.Rejection);
        var kept = (await _h.Files.GetAsync(key, CoreHarness.None))!.Content.ToArray();
        Assert.Equal(5001, Encoding.UTF8.GetString(kept).Count(c => c == '\n'));
        Assert.Empty(await _h.KeysAsync("datasets/"));
        Assert.Empty(await _h.KeysAsync("staging/"));

        var later = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.Equal(5000, later.Version!.RowCount);
        Assert.False(await _h.ExistsAsync(key));
    }

    [Fact]
    public async Task IngestAsync_UploadReplacedAfterItWasVersioned_KeepsTheNewBytes()
    {
        var key = await _h.UploadAsync("shop", "day.csv", IngestionCsv.Good(30));
        var newer = IngestionCsv.Good(40);
        _h.Store.AfterPut = k =>
        {
            if (k.EndsWith("/data.csv", StringComparison.Ordinal))
            {
                _h.Files.PutAsync(key, newer, WriteCondition.None, CoreHarness.None).GetAwaiter().GetResult();
            }
        };

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.Equal(30, outcome.Version!.RowCount);
        Assert.Equal(newer, (await _h.Files.GetAsync(key, CoreHarness.None))!.Content.ToArray());
    }

    [Theory]
    [InlineData(30)]
    [InlineData(3)]
    public async Task IngestAsync_GoodOrBadUpload_ReadsTheUploadOnceAndCommitsByMoving(int rows)
    {
        var bytes = IngestionCsv.Good(rows);
        var key = await _h.UploadAsync("shop", "once.csv", bytes);

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.Single(_h.Store.Operations, o => o == "open " + key);
        Assert.DoesNotContain(_h.Store.Operations, o => o == "get " + key);
        var committed = outcome.Accepted ? $"datasets/shop/{outcome.Version!.Version}/data.csv" : outcome.Rejection!.QuarantinedFile;
        Assert.Contains("move " + committed, _h.Store.Operations);
        Assert.Equal(bytes, (await _h.Files.GetAsync(committed, CoreHarness.None))!.Content.ToArray());
        Assert.Empty(await _h.KeysAsync("staging/"));
    }

    [Fact]
    public async Task IngestAsync_OneHugeLine_QuarantinesEveryByteWithASmallReport()
    {
        var size = 12L << 20;
        await using (var line = new Datasets.CsvLimitsTests.OneLineStream(size))
        {
            await _h.Files.PutStreamAsync("incoming/p/big.csv", line, WriteCondition.None, CoreHarness.None);
        }

        var outcome = await _h.Ingestor.IngestAsync("incoming/p/big.csv", null, CoreHarness.None);

        var report = outcome.Rejection!;
        Assert.Equal("header_too_long", report.Problems[0].Code);
        Assert.Equal(1, report.Problems[0].Line);
        Assert.Equal(size, report.SizeBytes);
        Assert.Equal(size, (await _h.Files.GetInfoAsync(report.QuarantinedFile, CoreHarness.None))!.Length);
        Assert.True((await _h.Files.GetInfoAsync($"quarantine/p/{report.Id}/report.json", CoreHarness.None))!.Length < 4096);
        Assert.False(await _h.ExistsAsync("incoming/p/big.csv"));
    }

    [Fact]
    public async Task IngestAsync_ThousandsOfLongColumnNamesWithoutLabel_ReportStaysBounded()
    {
        var header = string.Join(',', Enumerable.Range(0, 3000).Select(i => $"column_{i}_{new string('x', 200)}"));
        var key = await _h.UploadAsync("shop", "wide.csv", Encoding.UTF8.GetBytes(header + "\n" + string.Join(',', Enumerable.Repeat("1", 3000)) + "\n"));

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.All(outcome.Rejection!.Problems, p => Assert.InRange(p.Message.Length, 1, 1000));
        Assert.Contains("and 2980 more", outcome.Rejection.Problems.Single(p => p.Code == "no_label_column").Message);
    }

    [Theory]
    [InlineData("my data", "data (1).csv")]
    [InlineData("données", "février.csv")]
    [InlineData("shop", "2024/jan report.csv")]
    public async Task IngestAsync_NamesWithSpacesOrAccents_AreVersionedAndShownAsGiven(string dataset, string file)
    {
        var key = $"incoming/{dataset}/{file}";
        await _h.Files.PutAsync(key, IngestionCsv.Good(30), WriteCondition.None, CoreHarness.None);

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        var version = outcome.Version!;
        Assert.Equal(ObjectKey.SafeName(dataset), version.Dataset);
        Assert.Equal(dataset == version.Dataset ? null : dataset, version.DatasetName);
        Assert.Equal(key, version.Source);
        Assert.Single(await _h.Tables.VersionsAsync(ObjectKey.SafeName(dataset), CoreHarness.None));
        Assert.False(await _h.ExistsAsync(key));
    }

    [Fact]
    public async Task IngestAsync_RejectedUploadWithOddNames_IsListedWithItsReportUnderTheGivenNames()
    {
        const string key = "incoming/my data/rapport (2) é.csv";
        await _h.Files.PutAsync(key, IngestionCsv.Good(3), WriteCondition.None, CoreHarness.None);

        await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        var entry = Assert.Single(await _h.Quarantine.ListAsync(ObjectKey.SafeName("my data"), CoreHarness.None));
        Assert.Equal("my data", entry.DatasetName);
        Assert.Equal("rapport (2) é.csv", entry.FileName);
        Assert.Equal("too_few_rows", entry.Problems[0].Code);
        Assert.Equal(IngestionCsv.Good(3), (await _h.Files.GetAsync(entry.QuarantinedFile, CoreHarness.None))!.Content.ToArray());
        Assert.DoesNotContain(' ', entry.QuarantinedFile);
    }

    [Fact]
    public async Task IngestAsync_FileDirectlyInIncoming_IsADatasetNamedAfterTheFile()
    {
        await _h.Files.PutAsync("incoming/loose.csv", IngestionCsv.Good(30), WriteCondition.None, CoreHarness.None);

        var outcome = await _h.Ingestor.IngestAsync("incoming/loose.csv", null, CoreHarness.None);

        Assert.Equal("loose", outcome.Version!.Dataset);
    }

    [Fact]
    public async Task IngestAsync_NoLabelColumn_ReportNamesTheContractCommand()
    {
        var key = await _h.UploadAsync("shop", "x.csv", IngestionCsv.Good(30, label: "bought"));

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        var problem = outcome.Rejection!.Problems[0];
        Assert.Equal("no_label_column", problem.Code);
        Assert.Contains("mlops datasets contract shop --label COLUMN", problem.Message);
        Assert.Contains("PUT /api/datasets/shop/contract", problem.Message);
    }

    [Fact]
    public async Task IngestAsync_ContractSetBeforeTheUpload_IsUsedForItsLabel()
    {
        await new DatasetContracts(_h.Files).SetAsync("shop", new DatasetContract("bought"), CoreHarness.None);
        var key = await _h.UploadAsync("shop", "x.csv", IngestionCsv.Good(30, label: "bought"));

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.Equal("bought", outcome.Version!.Label);
    }

    [Fact]
    public async Task IngestAsync_HeaderOnly_LeadsWithNoDataRows()
    {
        var key = await _h.UploadAsync("shop", "empty.csv", IngestionCsv.Text("x,color,label\n"));

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.Equal("no_data_rows", outcome.Rejection!.Problems[0].Code);
        Assert.DoesNotContain(outcome.Rejection.Problems, p => p.Code == "label_single_class");
    }

    [Fact]
    public async Task IngestAsync_JsonFile_SaysItIsNotCsv()
    {
        var key = await _h.UploadAsync("shop", "rows.csv", IngestionCsv.Text("[{\"x\": 1, \"label\": \"a\"}, {\"x\": 2, \"label\": \"b\"}]"));

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.Equal("not_csv", outcome.Rejection!.Problems[0].Code);
    }

    [Fact]
    public async Task ProcessAsync_LeaseHeldByAnotherProcess_LeavesTheUploadUntilTheLeaseExpires()
    {
        var key = await _h.UploadAsync("shop", "x.csv", IngestionCsv.Good(30));
        var other = new LeaseManager(_h.Records, _h.Time);
        var held = await other.TryAcquireAsync(UploadProcessor.LeaseName(key), null, CoreHarness.None);

        var (blocked, _) = await _h.Uploads.ProcessAsync(key, null, CoreHarness.None);

        Assert.NotNull(blocked.Deferred);
        Assert.True(await _h.ExistsAsync(key));
        _h.Time.Advance(LeaseManager.DefaultDuration + TimeSpan.FromSeconds(1));
        var (taken, run) = await _h.Uploads.ProcessAsync(key, null, CoreHarness.None);
        Assert.True(taken.Accepted);
        Assert.NotNull(run);
        await held!.DisposeAsync();
    }

    [Fact]
    public async Task ProcessAsync_TwoProcessesOnOneUpload_VersionItOnceAndPublishOneEvent()
    {
        var key = await _h.UploadAsync("shop", "x.csv", IngestionCsv.Good(300));
        _h.Store.Asynchronous = true;
        var second = new UploadProcessor(_h.Ingestor, _h.Pipelines, new LeaseManager(_h.Records, _h.Time));

        async Task<string> TryAsync(UploadProcessor processor)
        {
            try
            {
                var (outcome, _) = await processor.ProcessAsync(key, null, CoreHarness.None);
                return outcome.Accepted ? "versioned" : "left";
            }
            catch (Errors.MlopsException e) when (e.Code == Errors.ErrorCode.NotFound)
            {
                return "gone";
            }
        }

        var results = await Task.WhenAll(Task.Run(() => TryAsync(_h.Uploads)), Task.Run(() => TryAsync(second)));

        Assert.Single(results, r => r == "versioned");
        Assert.Single(await _h.EventLinesAsync(), e => e.GetProperty("type").GetString() == EventTypes.DatasetVersioned);
        Assert.Single(await _h.KeysAsync("datasets/shop/"), k => k.EndsWith("/manifest.json", StringComparison.Ordinal));
    }

    [Fact]
    public void SafeName_UserNames_AreValidDistinctAndStable()
    {
        string[] given = ["my data", "my_data", "my-data", "données", "data (1)", "日本", "..", "a/b"];

        var safe = given.Select(ObjectKey.SafeName).ToList();

        Assert.All(safe, s => ObjectKey.Name(s, "test"));
        Assert.Equal(given.Length, safe.Distinct().Count());
        Assert.Equal("my_data", ObjectKey.SafeName("my_data"));
        Assert.StartsWith("donnees-", ObjectKey.SafeName("données"));
        Assert.Equal(safe, given.Select(ObjectKey.SafeName));
    }

    [Theory]
    [InlineData("incoming/shop/.x.csv.uploading", true)]
    [InlineData("incoming/shop/x.csv.tmp", true)]
    [InlineData("incoming/shop/x.csv.part", true)]
    [InlineData("incoming/shop/.hidden", true)]
    [InlineData("incoming/shop/x.csv", false)]
    [InlineData("incoming/shop/data (1).csv", false)]
    public void IsInProgress_SafeDropNames_AreSkipped(string key, bool inProgress) =>
        Assert.Equal(inProgress, UploadName.IsInProgress(key));

    [Fact]
    public async Task DropAsync_NameOfAPendingUpload_KeepsItAndTakesTheNextFreeName()
    {
        var waiting = await _h.UploadAsync("my data", "day.csv", IngestionCsv.Good(30));

        var dropped = await UploadDrop.DropAsync(_h.Files, "my data", "day.csv", new MemoryStream(IngestionCsv.Good(31)), CoreHarness.None);

        Assert.Equal("incoming/my data/day (2).csv", dropped);
        Assert.Equal(IngestionCsv.Good(30), (await _h.Files.GetAsync(waiting, CoreHarness.None))!.Content.ToArray());
        Assert.Equal(IngestionCsv.Good(31), (await _h.Files.GetAsync(dropped, CoreHarness.None))!.Content.ToArray());
        Assert.DoesNotContain(await _h.KeysAsync("incoming/"), k => UploadName.IsInProgress(k));
    }

    [Fact]
    public async Task ProcessAsync_InProgressName_IsLeftUntouched()
    {
        var key = await _h.UploadAsync("shop", "day.csv.part", IngestionCsv.Good(30));

        var (outcome, run) = await _h.Uploads.ProcessAsync(key, null, CoreHarness.None);

        Assert.NotNull(outcome.Deferred);
        Assert.Null(run);
        Assert.True(await _h.ExistsAsync(key));
        Assert.Empty(await _h.KeysAsync("quarantine/"));
    }

    [Fact]
    public async Task IngestAsync_QuarantineReport_RecordsTheUploadsHashAndSize()
    {
        var bytes = IngestionCsv.Good(3);
        var key = await _h.UploadAsync("shop", "x.csv", bytes);

        var report = (await _h.Ingestor.IngestAsync(key, null, CoreHarness.None)).Rejection!;

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), report.Sha256);
        Assert.Equal(bytes.Length, report.SizeBytes);
    }
}
