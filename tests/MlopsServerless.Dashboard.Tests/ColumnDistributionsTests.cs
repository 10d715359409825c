using MlopsServerless.Core.Datasets;
using MlopsServerless.Http.Datasets;

namespace MlopsServerless.Dashboard.Tests;

/// <summary>Histogram and level counts behind the Datasets page's charts; expected values worked out by hand in the comments.</summary>
public sealed class ColumnDistributionsTests
{
    [Fact]
    public void Histogram_FewIntegers_OneBinPerValueCenteredOnIt()
    {
        // 1, 2, 2, 3 and a missing value: bins [0.5, 1.5), [1.5, 2.5), [2.5, 3.5) hold 1, 2, 1.
        var bins = ColumnDistributions.Histogram([1, 2, double.NaN, 2, 3]);

        Assert.Equal([1L, 2L, 1L], bins.Select(b => b.Count));
        Assert.Equal(0.5, bins[0].Lower);
        Assert.Equal(3.5, bins[^1].Upper);
    }

    [Fact]
    public void Histogram_Decimals_TwentyEqualBinsWithTheMaximumInTheLast()
    {
        // Range 0..1 in 20 bins of 0.05: 0 -> bin 0, 0.5 -> bin 10 (its lower edge), 1 (the maximum) -> bin 19.
        var bins = ColumnDistributions.Histogram([0, 0.5, 1]);

        Assert.Equal(20, bins.Count);
        Assert.Equal(1, bins[0].Count);
        Assert.Equal(1, bins[10].Count);
        Assert.Equal(1, bins[19].Count);
        Assert.Equal(3, bins.Sum(b => b.Count));
    }

    [Fact]
    public void Histogram_OnlyMissing_IsEmpty() => Assert.Empty(ColumnDistributions.Histogram([double.NaN]));

    [Fact]
    public void Levels_MoreThanTheLimit_MostFrequentFirstAndTheRestCountedTogether()
    {
        var names = Enumerable.Range(0, 25).Select(i => $"l{i:00}").ToList();
        var codes = Enumerable.Range(0, 25).SelectMany(i => Enumerable.Repeat(i, i + 1)).Append(-1).ToArray();
        var column = new CategoricalColumn("c", codes, names);

        var (levels, other) = ColumnDistributions.Levels(column);

        Assert.Equal(ColumnDistributions.MaxLevels, levels.Count);
        Assert.Equal(("l24", 25L), (levels[0].Value, levels[0].Count));
        // The 5 least frequent levels l00..l04 have 1+2+3+4+5 = 15 rows.
        Assert.Equal(15, other);
    }

    [Fact]
    public void Levels_Boolean_CountsFalseAndTrue()
    {
        var (levels, other) = ColumnDistributions.Levels(new NumericColumn("b", ColumnKind.Boolean, [1, 0, 1, double.NaN]));

        Assert.Equal([("true", 2L), ("false", 1L)], levels.Select(l => (l.Value, l.Count)));
        Assert.Equal(0, other);
    }
}
