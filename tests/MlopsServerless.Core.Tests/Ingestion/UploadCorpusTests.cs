using System.Security.Cryptography;
using System.Text;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tests.Datasets;

namespace MlopsServerless.Core.Tests.Ingestion;

/// <summary>
/// The bad-upload corpus of issue 12: every file under Ingestion/Corpus/ (the folder is the dataset, <c>_root_</c> means
/// straight into incoming/) plus large cases generated while they are written. Each goes through the upload processor as
/// a dropped file would, and must end as a dataset version or a quarantine entry whose report is bounded, with not a byte
/// lost. The expected first problem pins what the report leads with.
/// </summary>
public sealed class UploadCorpusTests : IDisposable
{
    private static readonly string CorpusRoot = Path.Combine(AppContext.BaseDirectory, "Ingestion", "Corpus");

    /// <summary>Corpus path -> the code the report must lead with, or "version".</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["p/empty.csv"] = "empty_file",
        ["p/whitespace-only.csv"] = "empty_column_name",
        ["p/header-only.csv"] = "no_data_rows",
        ["p/header-only-crlf.csv"] = "no_data_rows",
        ["p/bom-header-only.csv"] = "no_data_rows",
        ["p/rows.json.csv"] = "not_csv",
        ["p/rows.json"] = "not_csv",
        ["p/rows.ndjson.csv"] = "not_csv",
        ["p/page.html.csv"] = "not_csv",
        ["p/data.xml.csv"] = "not_csv",
        ["p/semicolons.csv"] = "wrong_separator",
        ["p/tabs.tsv"] = "wrong_separator",
        ["p/latin1.csv"] = "not_utf8",
        ["p/utf16.csv"] = "not_utf8",
        ["p/binary.csv"] = "not_text",
        ["p/workbook.xlsx.csv"] = "not_text",
        ["p/ragged-extra.csv"] = "ragged_row",
        ["p/ragged-missing.csv"] = "ragged_row",
        ["p/unclosed-quote.csv"] = "unclosed_quote",
        ["p/duplicate-header.csv"] = "duplicate_column",
        ["p/empty-column-name.csv"] = "empty_column_name",
        ["p/trailing-comma-header.csv"] = "empty_column_name",
        ["p/no-label.csv"] = "no_label_column",
        ["p/label-case.csv"] = "no_label_column",
        ["p/label-missing-values.csv"] = "label_missing",
        ["p/single-class.csv"] = "label_single_class",
        ["p/too-few-rows.csv"] = "too_few_rows",
        ["p/single-column.csv"] = "no_features",
        ["p/cr-line-endings.csv"] = "cr_line_endings",
        ["p/thousands-separator.csv"] = "ragged_row",
        ["p/nul-in-row.csv"] = "not_text",
        ["p/label-all-empty.csv"] = "label_missing",
        ["p/quoted-newline-header.csv"] = "too_few_rows",
        ["p/long-column-name.csv"] = "column_name_too_long",
        ["p/formula-cells.csv"] = "version",
        ["my data/data (1).csv"] = "too_few_rows",
        ["données/février.csv"] = "not_utf8",
        ["_root_/loose file.csv"] = "no_label_column",
        ["shop/2024/jan report.csv"] = "wrong_separator",
        ["日本/データ.csv"] = "too_few_rows",
        ["p/good-after-fix.csv"] = "version",
        ["p/mixed-line-endings.csv"] = "version",
        ["big/one-line.csv"] = "header_too_long",
        ["big/huge-field.csv"] = "field_too_long",
        ["big/long-row.csv"] = "line_too_long",
        ["big/many-columns.csv"] = "too_many_columns",
        ["big/bad-utf8-deep.csv"] = "not_utf8",
    };

    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    public static TheoryData<string> Uploads()
    {
        var data = new TheoryData<string>();
        foreach (var name in Expected.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Corpus_HoldsEveryCheckedInFileAndAtLeastFortyBadUploads()
    {
        var files = Directory.EnumerateFiles(CorpusRoot, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CorpusRoot, f).Replace(Path.DirectorySeparatorChar, '/')).ToList();

        Assert.All(files, f => Assert.True(Expected.ContainsKey(f), $"{f} has no expected outcome"));
        Assert.True(files.Count >= 40, $"{files.Count} checked-in files");
        Assert.True(Expected.Values.Count(v => v != "version") >= 40);
    }

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task ProcessAsync_CorpusUpload_EndsAsAVersionOrABoundedReportWithNothingLost(string name)
    {
        var key = "incoming/" + (name.StartsWith("_root_/", StringComparison.Ordinal) ? name["_root_/".Length..] : name);
        var (sha, length) = await UploadAsync(name, key);

        var (outcome, _) = await _h.Uploads.ProcessAsync(key, null, CoreHarness.None);

        Assert.Null(outcome.Deferred);
        Assert.NotEqual(outcome.Version is null, outcome.Rejection is null);
        string kept;
        if (outcome.Rejection is { } report)
        {
            Assert.Equal(Expected[name], report.Problems[0].Code);
            Assert.All(report.Problems, p =>
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Message));
                Assert.InRange(p.Message.Length, 1, 1000);
                Assert.True(p.Column is null || p.Column.Length <= 120);
                Assert.True(p.Line >= 0);
            });
            Assert.True((await _h.Files.GetInfoAsync($"quarantine/{report.Dataset}/{report.Id}/report.json", CoreHarness.None))!.Length < 16_384);
            Assert.Contains(report.Id, (await _h.Quarantine.ListAsync(report.Dataset, CoreHarness.None)).Select(r => r.Id));
            kept = report.QuarantinedFile;
        }
        else
        {
            Assert.Equal("version", Expected[name]);
            kept = StorageLayout.DatasetData(outcome.Version!.Dataset, outcome.Version.Version);
        }

        Assert.Equal((sha, length), await HashAsync(kept));
        Assert.False(await _h.ExistsAsync(key));
        Assert.Empty(await _h.KeysAsync("staging/"));
    }

    /// <summary>Writes the corpus file (or generates the large case while writing it) and returns its SHA-256 and length.</summary>
    private async Task<(string Sha, long Length)> UploadAsync(string name, string key)
    {
        await using (var content = Open(name))
        {
            await _h.Files.PutStreamAsync(key, content, WriteCondition.None, CoreHarness.None);
        }

        return await HashAsync(key);
    }

    private async Task<(string Sha, long Length)> HashAsync(string key)
    {
        await using var stored = (await _h.Files.OpenReadAsync(key, CoreHarness.None))!;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long length = 0;
        int n;
        while ((n = await stored.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            length += n;
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), length);
    }

    /// <summary>
    /// The large cases are generated, not checked in, and bounded so the corpus stays fast: the one-line file is 32 MiB
    /// (the was 200 MiB; the reader stops after the first 256 KiB either way, so the size only costs copy time).
    /// </summary>
    private static Stream Open(string name) => name switch
    {
        "big/one-line.csv" => new CsvLimitsTests.OneLineStream(32L << 20),
        "big/huge-field.csv" => Text("x,label\n1,a\n" + new string('v', 300_000) + ",b\n"),
        "big/long-row.csv" => Text(string.Join(',', Enumerable.Range(0, 20).Select(i => $"c{i}")) + ",label\n"
            + string.Join(',', Enumerable.Range(0, 20).Select(_ => new string('w', 60_000))) + ",a\n"),
        "big/many-columns.csv" => Text(string.Join(',', Enumerable.Range(0, 12_000).Select(i => $"c{i}")) + ",label\n"),
        "big/bad-utf8-deep.csv" => new MemoryStream([.. Encoding.UTF8.GetBytes("x,label\n" + string.Concat(Enumerable.Range(0, 6000).Select(i => $"{i},a\n"))), 0xC0, 0xAF, .. ",b\n"u8]),
        _ => File.OpenRead(Path.Combine(CorpusRoot, name.Replace('/', Path.DirectorySeparatorChar))),
    };

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));
}
