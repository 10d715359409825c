using System.Text;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring;
using static MlopsServerless.Core.Tests.Monitoring.DriftTables;

namespace MlopsServerless.Core.Tests.Monitoring;

public sealed class DriftReferenceTests
{
    [Fact]
    public void Build_NumericColumn_KeepsEdgesCountsSampleAndSpread()
    {
        var values = Enumerable.Range(0, 100).Select(i => (double)(99 - i)).Append(double.NaN).ToArray();

        var feature = DriftReference.Build(new Table([Numeric("x", values)])).Features.Single();

        Assert.Equal(DriftFeatureKind.Numeric, feature.Kind);
        Assert.Equal(101, feature.Rows);
        Assert.Equal(1, feature.Missing);
        // numpy.quantile(range(100), [0.1, ..., 0.9]) = 9.9, 19.8, ..., 89.1
        Assert.Equal(9, feature.BinEdges!.Count);
        Assert.Equal(9.9, feature.BinEdges[0], 1e-12);
        Assert.Equal(89.1, feature.BinEdges[^1], 1e-12);
        Assert.Equal(Enumerable.Repeat(10L, 10), feature.BinCounts!);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), feature.Sample!);
        Assert.Equal(DriftStatistics.StdDev(values), feature.StdDev);
    }

    [Fact]
    public void Build_MoreValuesThanSampleSize_BoundsSampleDeterministicallyAndCountsEveryRow()
    {
        var table = new Table([Numeric("x", FixtureData.Sample("normalish(30, 50000, 0.0, 1.0)"))]);
        var options = new DriftReferenceOptions { SampleSize = 1000 };

        var first = DriftReference.Build(table, options).Features.Single();
        var second = DriftReference.Build(table, options).Features.Single();

        Assert.Equal(1000, first.Sample!.Count);
        Assert.Equal(first.Sample, second.Sample);
        Assert.True(first.Sample.SequenceEqual(first.Sample.Order()));
        Assert.Equal(50000, first.BinCounts!.Sum());
        // A uniform sample of a bell around 0 has its median near 0.
        Assert.InRange(first.Sample[500], -0.15, 0.15);
    }

    [Fact]
    public void Build_BooleanAndCategoricalColumns_CountLevelsInOrdinalOrder()
    {
        var table = new Table(
        [
            new NumericColumn("flag", ColumnKind.Boolean, [1, 0, 1, double.NaN]),
            Categorical("plan", "pro", "free", "pro", null),
        ]);

        var reference = DriftReference.Build(table);

        Assert.Equal([new LevelCount("false", 1), new LevelCount("true", 2)], reference.Find("flag")!.Levels!);
        Assert.Equal([new LevelCount("free", 1), new LevelCount("pro", 2)], reference.Find("plan")!.Levels!);
        Assert.All(reference.Features, f => Assert.Equal(1, f.Missing));
        Assert.All(reference.Features, f => Assert.Equal(DriftFeatureKind.Categorical, f.Kind));
    }

    [Fact]
    public void ToJson_SameData_SameBytesAndRoundTrips()
    {
        var table = Sample(500, 40, 0);

        var json = DriftReference.Build(table).ToJson();
        var again = DriftReference.Build(table).ToJson();
        var read = DriftReference.FromJson(json);

        Assert.Equal(json, again);
        Assert.Equal(json, read.ToJson());
        var text = Encoding.UTF8.GetString(json);
        Assert.Contains("\"bin_edges\":", text, StringComparison.Ordinal);
        Assert.Contains("\"format_version\":1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_OtherFormatVersion_ThrowsInvalidArgument()
    {
        var json = Encoding.UTF8.GetBytes("""{"format_version":99,"rows":0,"bins":10,"sample_size":1,"seed":1,"features":[]}""");

        var error = Assert.Throws<MlopsException>(() => DriftReference.FromJson(json));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void Build_ZeroBins_ThrowsInvalidArgument() =>
        Assert.Equal(ErrorCode.InvalidArgument, Assert.Throws<MlopsException>(
            () => DriftReference.Build(Sample(10, 1, 0), new DriftReferenceOptions { Bins = 0 })).Code);
}
