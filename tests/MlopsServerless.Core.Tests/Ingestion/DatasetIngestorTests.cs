using System.Security.Cryptography;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests.Ingestion;

public sealed class DatasetIngestorTests : IDisposable
{
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task IngestAsync_GoodCsv_StoresDataAndManifestWithItsHashRowsAndKinds()
    {
        var bytes = IngestionCsv.Good(30);
        var key = await _h.UploadAsync("shop", "day1.csv", bytes);

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.True(outcome.Accepted);
        Assert.False(outcome.Reused);
        var manifest = outcome.Version!;
        Assert.Equal(sha, manifest.Sha256);
        Assert.Equal(sha[..16], manifest.Version);
        Assert.Equal(30, manifest.RowCount);
        Assert.Equal(bytes.Length, manifest.SizeBytes);
        Assert.Equal("label", manifest.Label);
        Assert.Equal(key, manifest.Source);
        Assert.Equal(_h.Time.GetUtcNow(), manifest.CreatedAt);
        Assert.Equal(ColumnKind.Numeric, manifest.Column("x")!.Kind);
        Assert.Equal(ColumnKind.Categorical, manifest.Column("color")!.Kind);
        Assert.Equal(ColumnKind.Boolean, manifest.Column("flag")!.Kind);

        var data = await _h.Files.GetAsync($"datasets/shop/{manifest.Version}/data.csv", CoreHarness.None);
        Assert.Equal(bytes, data!.Content.ToArray());
        var stored = await _h.Files.ReadJsonAsync<DatasetManifest>($"datasets/shop/{manifest.Version}/manifest.json", CoreHarness.None);
        Assert.Equal(sha, stored!.Value.Sha256);
        Assert.Equal(30, stored.Value.RowCount);
        Assert.False(await _h.ExistsAsync(key));
    }

    [Fact]
    public async Task IngestAsync_GoodCsv_DeletesUploadOnlyAfterManifestAndEvent()
    {
        var key = await _h.UploadAsync("shop", "day1.csv", IngestionCsv.Good());

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        var ops = _h.Store.Operations.ToList();
        var data = ops.IndexOf($"move datasets/shop/{outcome.Version!.Version}/data.csv");
        var manifest = ops.IndexOf($"put datasets/shop/{outcome.Version.Version}/manifest.json");
        var delete = ops.IndexOf("delete " + key);
        Assert.True(data >= 0 && data < manifest && manifest < delete, string.Join(" | ", ops));
        Assert.True(ops.FindIndex(o => o.StartsWith("append events/", StringComparison.Ordinal)) < delete);
    }

    [Fact]
    public async Task IngestAsync_SameBytesTwice_ReusesVersionWithOneManifestAndOneEvent()
    {
        var bytes = IngestionCsv.Good();
        var first = await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "a.csv", bytes), null, CoreHarness.None);
        var secondKey = await _h.UploadAsync("shop", "b.csv", bytes);

        var second = await _h.Ingestor.IngestAsync(secondKey, null, CoreHarness.None);

        Assert.Equal(first.Version!.Version, second.Version!.Version);
        Assert.False(first.Reused);
        Assert.True(second.Reused);
        Assert.Single(await _h.KeysAsync("datasets/shop/"), k => k.EndsWith("/manifest.json", StringComparison.Ordinal));
        Assert.Single(await _h.EventLinesAsync(), e => e.GetProperty("type").GetString() == EventTypes.DatasetVersioned);
        Assert.False(await _h.ExistsAsync(secondKey));
    }

    /// <summary>Bad uploads with the problem code and line the report must give.</summary>
    public static TheoryData<string, byte[], string, long> Rejections() => new()
    {
        { "not utf-8", [.. "x,label\n1,a\n"u8, 0xC3, 0x28, (byte)',', (byte)'b', (byte)'\n'], "not_utf8", 3 },
        { "empty", [], "empty_file", 1 },
        { "ragged row", IngestionCsv.Text("x,label\n1,a\n2,b\n3,a,extra\n4,b\n"), "ragged_row", 4 },
        { "no label column", IngestionCsv.Good(30, label: "target"), "no_label_column", 1 },
        { "duplicate header", IngestionCsv.Text("x,x,label\n1,2,a\n"), "duplicate_column", 1 },
        { "NUL byte", [.. "x,label\n1,a\n2"u8, 0, (byte)',', (byte)'b', (byte)'\n'], "not_text", 3 },
        { "too few rows", IngestionCsv.Good(5), "too_few_rows", 0 },
        { "single class", IngestionCsv.Text("x,label\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"{i},same\n"))), "label_single_class", 0 },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task IngestAsync_BadUpload_QuarantinesOriginalBytesWithReport(string why, byte[] bytes, string code, long line)
    {
        var key = await _h.UploadAsync("shop", "bad.csv", bytes);

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.False(outcome.Accepted, why);
        var id = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var report = outcome.Rejection!;
        Assert.Equal(id, report.Id);
        Assert.Equal(code, report.Problems[0].Code);
        Assert.Equal(line, report.Problems[0].Line);

        var copy = await _h.Files.GetAsync($"quarantine/shop/{id}/bad.csv", CoreHarness.None);
        Assert.Equal(bytes, copy!.Content.ToArray());
        var stored = await _h.Files.ReadJsonAsync<QuarantineReport>($"quarantine/shop/{id}/report.json", CoreHarness.None);
        Assert.Equal(code, stored!.Value.Problems[0].Code);
        Assert.Equal(report.Problems[0].Line, stored.Value.Problems[0].Line);
        Assert.Equal(key, stored.Value.Source);
        Assert.False(await _h.ExistsAsync(key));
        Assert.Empty(await _h.KeysAsync("datasets/shop/"));
        Assert.Empty(await _h.EventLinesAsync());
    }

    [Fact]
    public async Task IngestAsync_RaggedRow_ReportMessageNamesTheLine()
    {
        var key = await _h.UploadAsync("shop", "bad.csv", IngestionCsv.Text("x,label\n1,a\n2,b\n3,a,extra\n"));

        var outcome = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.Contains("Line 4", outcome.Rejection!.Problems[0].Message);
    }

    [Fact]
    public async Task IngestAsync_LabelForNewDataset_WritesContractUsedByLaterUploads()
    {
        var key = await _h.UploadAsync("shop", "a.csv", IngestionCsv.Good(label: "bought"));

        var outcome = await _h.Ingestor.IngestAsync(key, "bought", CoreHarness.None);

        Assert.True(outcome.Accepted);
        Assert.Equal("bought", outcome.Version!.Label);
        var contract = await _h.Files.ReadJsonAsync<DatasetContract>("datasets/shop/contract.json", CoreHarness.None);
        Assert.Equal("bought", contract!.Value.Label);

        // A later upload without a label is held to the contract's label, not the default "label".
        var later = await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "b.csv", IngestionCsv.Good(31, label: "bought")), null, CoreHarness.None);
        Assert.True(later.Accepted);
        Assert.Equal("bought", later.Version!.Label);
    }

    [Fact]
    public async Task IngestAsync_LabelContradictingContract_FailsPreconditionAndKeepsUpload()
    {
        await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "a.csv", IngestionCsv.Good(label: "bought")), "bought", CoreHarness.None);
        var key = await _h.UploadAsync("shop", "b.csv", IngestionCsv.Good(31, label: "other"));

        var error = await Assert.ThrowsAsync<MlopsException>(() => _h.Ingestor.IngestAsync(key, "other", CoreHarness.None));

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
        Assert.Contains("bought", error.Message);
        Assert.True(await _h.ExistsAsync(key));
    }

    [Theory]
    [InlineData("incoming/../secret.csv")]
    [InlineData("incoming/shop/../../x.csv")]
    [InlineData("datasets/shop/x.csv")]
    [InlineData("incoming")]
    [InlineData("/incoming/shop/x.csv")]
    [InlineData("incoming\\shop\\x.csv")]
    public async Task IngestAsync_KeyOutsideIncomingOrEscaping_IsInvalidArgument(string key)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => _h.Ingestor.IngestAsync(key, null, CoreHarness.None));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Empty(await _h.KeysAsync("datasets/"));
        Assert.Empty(await _h.KeysAsync("quarantine/"));
    }

    [Fact]
    public async Task IngestAsync_NoSuchUpload_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => _h.Ingestor.IngestAsync("incoming/shop/none.csv", null, CoreHarness.None));

        Assert.Equal(ErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task IngestAsync_SameBadBytesTwice_ShareOneQuarantineEntry()
    {
        var bytes = IngestionCsv.Good(5);
        var first = await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "x.csv", bytes), null, CoreHarness.None);
        var second = await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "x.csv", bytes), null, CoreHarness.None);

        Assert.Equal(first.Rejection!.Id, second.Rejection!.Id);
        Assert.Equal(2, (await _h.KeysAsync("quarantine/shop/")).Count);
    }

    [Fact]
    public async Task IngestAsync_RejectedFirstUploadWithMistypedLabel_DoesNotLockTheDatasetToIt()
    {
        var typo = await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "a.csv", IngestionCsv.Good(label: "bought")), "bougth", CoreHarness.None);
        Assert.Equal("no_label_column", typo.Rejection!.Problems[0].Code);

        var fixedUpload = await _h.Ingestor.IngestAsync(await _h.UploadAsync("shop", "a.csv", IngestionCsv.Good(label: "bought")), "bought", CoreHarness.None);

        Assert.True(fixedUpload.Accepted);
        Assert.Equal("bought", (await _h.Files.ReadJsonAsync<DatasetContract>("datasets/shop/contract.json", CoreHarness.None))!.Value.Label);
    }

    [Fact]
    public async Task IngestAsync_EventPublishFailedOnce_RetryOfTheUploadPublishesIt()
    {
        var key = await _h.UploadAsync("shop", "a.csv", IngestionCsv.Good());
        _h.Store.FailOnce("append", k => k.StartsWith("events/", StringComparison.Ordinal));

        var outage = await Assert.ThrowsAsync<MlopsException>(() => _h.Ingestor.IngestAsync(key, null, CoreHarness.None));
        Assert.Equal(ErrorCode.Unavailable, outage.Code);
        Assert.True(await _h.ExistsAsync(key));

        var retried = await _h.Ingestor.IngestAsync(key, null, CoreHarness.None);

        Assert.True(retried.Accepted);
        var e = Assert.Single(await _h.EventLinesAsync());
        Assert.Equal(EventTypes.DatasetVersioned, e.GetProperty("type").GetString());
        Assert.Equal($"dataset-versioned:shop:{retried.Version!.Version}", e.GetProperty("id").GetString());
        Assert.False(await _h.ExistsAsync(key));
    }
}
