using System.Globalization;
using System.Text;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Tests.Ingestion;

namespace MlopsServerless.Core.Tests.Datasets;

/// <summary>
/// Pins the profile (and hash and version) of one varied file against values computed without our code: a BOM, CRLF
/// lines, quoted fields with commas, quotes and line breaks, non-ASCII text, every missing token, booleans, exponents,
/// negative numbers, 17-digit numbers (beyond the exact fast path), spaces around numbers, ".5"-style and "5."-style
/// numbers, a column of more than 10,000 distinct values and one that turns categorical two rows from the end (across
/// several record blocks). The expected values were printed by this Python (3.12), which builds the same bytes:
/// <code>
/// N = 12000; MISSING = ["", "NA", "n/a", "NULL", "none", "nan", "?", " NA "]
/// TEXTS = ['"Zoë, the ""great"""', '"line1\nline2"', "日本", "naïve", "plain", '"  padded  "', "Ünïcödé €"]
/// def row(i): ... (as <see cref="Row"/>)
/// data = ("\r\n".join(["\ufeffid,x,flag,text,late"] + [",".join(row(i)) for i in range(1, N + 1)]) + "\r\n").encode()
/// hashlib.sha256(data).hexdigest(); per column: cells unquoted and stripped of spaces, missing = lower() in the tokens,
/// levels = first 10,000 distinct present values with counts, min/max of float(cell), mean = math.fsum / n,
/// std = statistics.stdev, top = 20 levels by count desc, then UTF-16 order.
/// </code>
/// </summary>
public sealed class CsvProfilePinTests : IDisposable
{
    private const int Rows = 12_000;
    private const string Sha256 = "eccb468e831b25cb6caadc01c528789a7656f1b182d45d0202cb739dbe539710";
    private static readonly string[] Missing = ["", "NA", "n/a", "NULL", "none", "nan", "?", " NA "];
    private static readonly string[] Texts = ["\"Zoë, the \"\"great\"\"\"", "\"line1\nline2\"", "日本", "naïve", "plain", "\"  padded  \"", "Ünïcödé €"];

    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ProfileAsync_VariedFileReadInOddPieces_MatchesIndependentProfile()
    {
        var bytes = File();

        var profile = await CsvProfiler.ProfileAsync(new TrickleStream(bytes, 4093), CancellationToken.None);

        Assert.Equal(Sha256, profile.Sha256);
        Assert.Equal(bytes.Length, profile.SizeBytes);
        AssertPinned(profile.RowCount, profile.Columns);
    }

    [Fact]
    public async Task IngestAsync_VariedFile_GivesIndependentHashVersionAndProfile()
    {
        var bytes = File();
        var key = await _h.UploadAsync("pin", "varied.csv", bytes);

        var outcome = await _h.Ingestor.IngestAsync(key, "text", CoreHarness.None);

        var manifest = outcome.Version!;
        Assert.Equal(Sha256, manifest.Sha256);
        Assert.Equal(Sha256[..16], manifest.Version);
        Assert.Equal(bytes.Length, manifest.SizeBytes);
        AssertPinned(manifest.RowCount, manifest.Columns);
    }

    private static void AssertPinned(long rows, IReadOnlyList<ColumnProfile> columns)
    {
        Assert.Equal(Rows, rows);
        Assert.Equal(["id", "x", "flag", "text", "late"], columns.Select(c => c.Name));

        var id = columns[0];
        AssertCounts(id, ColumnKind.Numeric, missing: 0, distinct: 10_000, capped: true);
        AssertNumbers(id, 1.0, 12000.0, 6000.5, 3464.2459496981446);

        var x = columns[1];
        AssertCounts(x, ColumnKind.Numeric, missing: 1500, distinct: 7360, capped: false);
        AssertNumbers(x, -12000.0, 1.2345678901239996e+16, 1763668414547741.8, 4320293424017283.5);

        var flag = columns[2];
        AssertCounts(flag, ColumnKind.Boolean, missing: 1090, distinct: 2, capped: false);
        Assert.Equal([new LevelCount("no", 7273), new LevelCount("Yes", 3637)], flag.TopLevels!);

        var text = columns[3];
        AssertCounts(text, ColumnKind.Categorical, missing: 0, distinct: 7, capped: false);
        Assert.Equal(
            [
                new LevelCount("line1\nline2", 1715), new LevelCount("日本", 1715), new LevelCount("Zoë, the \"great\"", 1714),
                new LevelCount("naïve", 1714), new LevelCount("padded", 1714), new LevelCount("plain", 1714), new LevelCount("Ünïcödé €", 1714),
            ],
            text.TopLevels!);

        var late = columns[4];
        AssertCounts(late, ColumnKind.Categorical, missing: 0, distinct: 51, capped: false);
        Assert.Null(late.Mean);
        var expectedLate = new[] { 0, 1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 2, 20, 21, 22, 23, 24, 25, 26 }
            .Select(v => new LevelCount(v.ToString(CultureInfo.InvariantCulture), 240));
        Assert.Equal(expectedLate, late.TopLevels!);
    }

    private static void AssertCounts(ColumnProfile column, ColumnKind kind, long missing, long distinct, bool capped)
    {
        Assert.Equal(kind, column.Kind);
        Assert.Equal(Rows, column.Count);
        Assert.Equal(missing, column.Missing);
        Assert.Equal(distinct, column.Distinct);
        Assert.Equal(capped, column.DistinctCapped);
    }

    // Min and max are exact; the mean and standard deviation are Welford's one-pass values, which agree with the exact
    // (fsum) mean and statistics.stdev to rounding.
    private static void AssertNumbers(ColumnProfile column, double min, double max, double mean, double std)
    {
        Assert.Equal(min, column.Min);
        Assert.Equal(max, column.Max);
        Assert.Equal(mean, column.Mean!.Value, mean * 1e-12);
        Assert.Equal(std, column.StdDev!.Value, std * 1e-12);
        Assert.Null(column.TopLevels);
    }

    private static byte[] File()
    {
        var csv = new StringBuilder("\uFEFFid,x,flag,text,late");
        for (var i = 1; i <= Rows; i++)
        {
            csv.Append("\r\n").AppendJoin(',', Row(i));
        }

        return Encoding.UTF8.GetBytes(csv.Append("\r\n").ToString());
    }

    private static string[] Row(int i)
    {
        var x = (i % 8) switch
        {
            0 => $"-{i}.{i % 1000:D3}",
            1 => $"{i}e-3",
            2 => $"{i}.5E+2",
            3 => $"1234567890123{i % 10000:D4}",
            4 => Missing[(i / 8) % Missing.Length],
            5 => $"  {i}  ",
            6 => $"+.{i % 97}",
            _ => $"{i % 13}.",
        };
        var flag = i % 11 == 0 ? "" : i % 3 == 0 ? "Yes" : "no";
        var late = i == Rows - 2 ? "oops" : (i % 50).ToString(CultureInfo.InvariantCulture);
        return [i.ToString(CultureInfo.InvariantCulture), x.ToString(CultureInfo.InvariantCulture), flag, Texts[i % Texts.Length], late];
    }

    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
