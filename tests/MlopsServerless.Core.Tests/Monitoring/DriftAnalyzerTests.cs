using System.Text;
using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Monitoring;
using static MlopsServerless.Core.Tests.Monitoring.DriftTables;

namespace MlopsServerless.Core.Tests.Monitoring;

public sealed class DriftAnalyzerTests
{
    private static readonly DriftReference Reference = DriftReference.Build(Sample(5000, 100, 0));

    [Theory]
    [InlineData(400)]
    [InlineData(3000)]
    public void Compare_SameDistribution_NoDrift(int rows)
    {
        var report = DriftAnalyzer.Compare(Reference, Sample(rows, 200, 0), new DriftPolicy());

        Assert.Equal(DriftVerdict.NoDrift, report.Verdict);
        Assert.Equal(0, report.DriftedFeatures);
        Assert.All(report.Features, f => Assert.Equal(DriftVerdict.NoDrift, f.Verdict));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(3000)]
    public void Compare_ShiftedDistribution_Drifted(int rows)
    {
        var report = DriftAnalyzer.Compare(Reference, Sample(rows, 300, 1), new DriftPolicy());

        Assert.Equal(DriftVerdict.Drifted, report.Verdict);
        Assert.Equal(4, report.DriftedFeatures);
        Assert.Equal(1.0, report.DriftedShare);
    }

    [Theory]
    [InlineData(1000, DriftStatistic.Ks, DriftStatistic.ChiSquare)]
    [InlineData(1001, DriftStatistic.Wasserstein, DriftStatistic.JensenShannon)]
    public void Compare_CurrentSampleSize_ChoosesStatisticByKindAndSize(int rows, DriftStatistic numeric, DriftStatistic categorical)
    {
        var report = DriftAnalyzer.Compare(Reference, Sample(rows, 200, 0), new DriftPolicy());

        Assert.Equal(numeric, report.Features.Single(f => f.Name == "age").StatisticUsed);
        Assert.Equal(categorical, report.Features.Single(f => f.Name == "plan").StatisticUsed);
    }

    [Fact]
    public void Compare_FewerRowsThanMinimum_NotEnoughDataButStatisticsReported()
    {
        var report = DriftAnalyzer.Compare(Reference, Sample(99, 300, 1), new DriftPolicy());

        Assert.Equal(DriftVerdict.NotEnoughData, report.Verdict);
        Assert.All(report.Features, f => Assert.Equal(DriftVerdict.NotEnoughData, f.Verdict));
        Assert.NotNull(report.Features[0].KsPValue);
        Assert.Equal(0, report.DriftedShare);
    }

    [Fact]
    public void Compare_NumericFeature_UsesReferenceSampleAndBinsForStatistics()
    {
        var current = Sample(700, 400, 0.3);

        var age = DriftAnalyzer.Compare(Reference, current, new DriftPolicy()).Features.Single(f => f.Name == "age");

        var reference = Reference.Find("age")!;
        var values = ((NumericColumn)current["age"]).Values;
        var ks = DriftStatistics.KolmogorovSmirnov(reference.Sample!.ToArray(), values);
        var edges = reference.BinEdges!.ToArray();
        var psi = DriftStatistics.Psi([.. reference.BinCounts!, reference.Missing], DriftStatistics.BinCounts(values, edges));
        Assert.Equal(ks.Statistic, age.KsStatistic);
        Assert.Equal(ks.PValue, age.KsPValue);
        Assert.Equal(psi, age.Psi!.Value, 1e-12);
        Assert.Null(age.Chi2PValue);
    }

    [Fact]
    public void Compare_OneImportantFeatureDrifts_DataSetDriftsBelowShare()
    {
        var current = Sample(3000, 200, 0);
        var shifted = new Table(current.Columns.Select(c => c.Name == "score" ? Numeric("score", ((NumericColumn)c).Values.Select(v => v + 2).ToArray()) : c).ToList());

        var plain = DriftAnalyzer.Compare(Reference, shifted, new DriftPolicy());
        var important = DriftAnalyzer.Compare(Reference, shifted, new DriftPolicy { ImportantFeatures = new HashSet<string> { "score" } });

        Assert.Equal(DriftVerdict.Warning, plain.Verdict);
        Assert.Equal(0.25, plain.DriftedShare);
        Assert.Equal(DriftVerdict.Drifted, important.Verdict);
    }

    [Fact]
    public void Compare_ColumnsOnOneSideOnly_ListedNotCompared()
    {
        var current = Sample(500, 200, 0);
        var changed = new Table([.. current.Columns.Where(c => c.Name != "income"), Numeric("new_feature", new double[500])]);

        var report = DriftAnalyzer.Compare(Reference, changed, new DriftPolicy());

        Assert.Equal(["income"], report.MissingColumns);
        Assert.Equal(["new_feature"], report.UnexpectedColumns);
        Assert.Equal(["age", "score", "plan"], report.Features.Select(f => f.Name));
    }

    [Fact]
    public void Compare_ExcludedColumn_LeftOut()
    {
        var report = DriftAnalyzer.Compare(Reference, Sample(500, 200, 0), new DriftPolicy { ExcludedColumns = new HashSet<string> { "plan" } });

        Assert.DoesNotContain(report.Features, f => f.Name == "plan");
        Assert.Empty(report.UnexpectedColumns);
    }

    [Fact]
    public void Compare_TextInNumericFeature_DriftedAsKindChanged()
    {
        var current = new Table([Categorical("age", Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? "old" : "young").ToArray())]);

        var age = DriftAnalyzer.Compare(Reference, current, new DriftPolicy()).Features.Single();

        Assert.Equal(DriftStatistic.KindChanged, age.StatisticUsed);
        Assert.Equal(DriftVerdict.Drifted, age.Verdict);
    }

    [Fact]
    public void Compare_AllMissingNow_DriftedThroughMissingBin()
    {
        var current = new Table([Numeric("age", Enumerable.Repeat(double.NaN, 300).ToArray())]);

        var age = DriftAnalyzer.Compare(Reference, current, new DriftPolicy()).Features.Single();

        Assert.Equal(DriftVerdict.Drifted, age.Verdict);
        Assert.Equal(1.0, age.MissingRateChange);
        Assert.Null(age.KsPValue);
    }

    [Fact]
    public void Compare_StoredProfile_GivesTheSameReportAsTheBuiltOne()
    {
        var stored = DriftReference.FromJson(Reference.ToJson());
        var current = Sample(700, 500, 0.2);

        var fromStored = DriftAnalyzer.Compare(stored, current, new DriftPolicy()).ToJson();

        Assert.Equal(DriftAnalyzer.Compare(Reference, current, new DriftPolicy()).ToJson(), fromStored);
    }

    [Fact]
    public void Compare_ReferenceWithoutValues_NotEnoughDataWithNullsNotNaN()
    {
        var empty = DriftReference.Build(new Table([Numeric("x", []), Categorical("c")]));
        var current = new Table([Numeric("x", Enumerable.Range(0, 200).Select(i => (double)i).ToArray()), Categorical("c", Enumerable.Repeat("a", 200).ToArray())]);

        var report = DriftAnalyzer.Compare(empty, current, new DriftPolicy());

        Assert.All(report.Features, f => Assert.Null(f.Psi));
        Assert.All(report.Features, f => Assert.Equal(DriftVerdict.NotEnoughData, f.Verdict));
        Assert.Equal(DriftVerdict.NotEnoughData, report.Verdict);
        Assert.DoesNotContain("NaN", Encoding.UTF8.GetString(report.ToJson()), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_Report_HasSnakeCaseShapeAndRoundTrips()
    {
        var report = DriftAnalyzer.Compare(Reference, Sample(400, 200, 0), new DriftPolicy()) with { ModelId = "churn/3" };

        var json = report.ToJson();
        using var document = JsonDocument.Parse(json);

        var root = document.RootElement;
        Assert.Equal("churn/3", root.GetProperty("model_id").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("dataset_id").ValueKind);
        Assert.Equal("no_drift", root.GetProperty("verdict").GetString());
        Assert.Equal(5000, root.GetProperty("reference_rows").GetInt64());
        Assert.Equal(0, root.GetProperty("drifted_share").GetDouble());
        var age = root.GetProperty("features")[0];
        string[] expected =
        [
            "name", "kind", "current_rows", "psi", "ks_statistic", "ks_pvalue", "chi2_pvalue", "js_distance",
            "wasserstein_normalized", "missing_rate_change", "statistic_used", "verdict",
        ];
        Assert.Equal(expected, age.EnumerateObject().Select(p => p.Name));
        Assert.Equal("numeric", age.GetProperty("kind").GetString());
        Assert.Equal("ks", age.GetProperty("statistic_used").GetString());
        Assert.Equal(JsonValueKind.Null, age.GetProperty("chi2_pvalue").ValueKind);
        Assert.Equal("chi_square", root.GetProperty("features")[3].GetProperty("statistic_used").GetString());
        Assert.Equal(json, DriftReport.FromJson(json).ToJson());
    }

    [Fact]
    public async Task CompareCsvAsync_LabelExcludedAndExtraColumn_ReportsWithoutCrashing()
    {
        var reference = Csv("x,plan,label", 600, i => FormattableString.Invariant($"{i % 50},{(i % 3 == 0 ? "a" : "b")},{i % 2}"));
        var current = Csv("x,plan,label,extra", 600, i => FormattableString.Invariant($"{i % 50 + 40},{(i % 3 == 0 ? "a" : "b")},{i % 2},{i}"));
        var policy = new DriftPolicy { ExcludedColumns = new HashSet<string> { "label" } };

        using var currentStream = new NonSeekableStream(current);
        var report = await DriftAnalyzer.CompareCsvAsync(new MemoryStream(reference), currentStream, policy, CancellationToken.None);

        Assert.Equal(["x", "plan"], report.Features.Select(f => f.Name));
        Assert.Equal(["extra"], report.UnexpectedColumns);
        Assert.Equal(DriftVerdict.Drifted, report.Features[0].Verdict);
        Assert.Equal(DriftVerdict.NoDrift, report.Features[1].Verdict);
        Assert.Equal(600, report.CurrentRows);
    }

    [Fact]
    public async Task CompareCsvAsync_BrokenCsv_ThrowsInvalidArgument()
    {
        var broken = Encoding.UTF8.GetBytes("a,b\n1,2,3\n");

        var error = await Assert.ThrowsAsync<Core.Errors.MlopsException>(
            () => DriftAnalyzer.CompareCsvAsync(new MemoryStream(broken), new MemoryStream(broken), new DriftPolicy(), CancellationToken.None));

        Assert.Equal(Core.Errors.ErrorCode.InvalidArgument, error.Code);
    }

    // Files past the one-megabyte prefix the loader infers kinds from: a plain one (one pass), one whose "late" column
    // turns from numbers into text after the prefix, one whose column is empty in the prefix and numeric later, and
    // boolean-looking ones that stay boolean, become numeric or become text; each report must equal the one from
    // profiling the whole file first.
    [Theory]
    [InlineData("plain")]
    [InlineData("text-after-prefix")]
    [InlineData("empty-prefix")]
    [InlineData("boolean")]
    [InlineData("boolean-then-number")]
    [InlineData("boolean-then-third-spelling")]
    public async Task CompareCsvAsync_LargeFiles_SameReportAsProfilingTheWholeFile(string shape)
    {
        const int rows = 60_000;
        string Late(int i, int shift) => shape switch
        {
            "text-after-prefix" => i < 55_000 ? FormattableString.Invariant($"{(i + shift) % 97}") : "n/a-" + (i % 3),
            "empty-prefix" => i < 55_000 ? "" : FormattableString.Invariant($"{(i + shift) % 13}"),
            "boolean" => (i + shift) % 3 == 0 ? "yes" : "no",
            "boolean-then-number" => i < 55_000 ? FormattableString.Invariant($"{(i + shift) % 2}") : "2",
            "boolean-then-third-spelling" => i < 55_000 ? ((i + shift) % 3 == 0 ? "yes" : "no") : "true",
            _ => FormattableString.Invariant($"{((i * 7) + shift) % 1000 / 10.0}"),
        };
        var reference = Csv("x,plan,late", rows, i => FormattableString.Invariant($"{i % 500}.125,{(i % 3 == 0 ? "plan-basic" : "plan-plus")},{Late(i, 0)}"));
        var current = Csv("x,plan,late", rows, i => FormattableString.Invariant($"{(i % 500) + 20}.125,{(i % 4 == 0 ? "plan-basic" : "plan-plus")},{Late(i, 5)}"));
        var policy = new DriftPolicy();

        var report = await DriftAnalyzer.CompareCsvAsync(new MemoryStream(reference), new MemoryStream(current), policy, CancellationToken.None);

        var expected = DriftAnalyzer.Compare(
            DriftReference.Build(await ProfiledAsync(reference), policy.ReferenceOptions), await ProfiledAsync(current), policy);
        Assert.True(reference.Length > 1 << 20);
        Assert.Equal(Encoding.UTF8.GetString(expected.ToJson()), Encoding.UTF8.GetString(report.ToJson()));
    }

    // The whole-file path: profile every row, then load with the profile's kinds.
    private static async Task<Table> ProfiledAsync(byte[] csv)
    {
        var profile = await CsvProfiler.ProfileAsync(new MemoryStream(csv), CancellationToken.None);
        return await TableLoader.LoadAsync(new MemoryStream(csv), profile.Columns, profile.RowCount, CancellationToken.None);
    }

    private static byte[] Csv(string header, int rows, Func<int, string> row) =>
        Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", Enumerable.Range(0, rows).Select(row)) + "\n");

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
