using System.Text;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Tests.Datasets;

/// <summary>
/// What a profile says about a column with more than 10,000 distinct values: counted exactly up to the cap, and past it
/// either counted on (text) or, for a column of numbers, not counted at all, so that no top level ever has a wrong count.
/// </summary>
public sealed class DistinctCapTests
{
    [Fact]
    public async Task ProfileAsync_TextPastTheCap_CountsKnownLevelsToTheEnd()
    {
        // v0 .. v10499, then v0 .. v10499 again: every one of the first 10,000 levels occurs twice.
        var profile = await ProfileAsync(Enumerable.Range(0, 21_000).Select(i => $"v{i % 10_500}"));

        var column = profile.Columns[0];
        Assert.Equal(ColumnKind.Categorical, column.Kind);
        Assert.Equal(10_000, column.Distinct);
        Assert.True(column.DistinctCapped);
        Assert.Equal(20, column.TopLevels!.Count);
        Assert.All(column.TopLevels, level => Assert.Equal(2, level.Count));
        Assert.Equal("v0", column.TopLevels[0].Value);
    }

    [Fact]
    public async Task ProfileAsync_NumbersPastTheCapThenText_ListsNoTopLevels()
    {
        // 10,500 distinct numbers, each twice, then one text value: categorical, but its level counts stopped at the cap.
        var cells = Enumerable.Range(0, 21_000).Select(i => (i % 10_500).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("text");

        var column = (await ProfileAsync(cells)).Columns[0];

        Assert.Equal(ColumnKind.Categorical, column.Kind);
        Assert.Equal(21_001, column.Count);
        Assert.Equal(10_000, column.Distinct);
        Assert.True(column.DistinctCapped);
        Assert.Null(column.TopLevels);
        Assert.Null(column.Mean);
    }

    [Fact]
    public async Task ProfileAsync_NumbersPastTheCap_StaysNumericWithExactStatistics()
    {
        var column = (await ProfileAsync(Enumerable.Range(1, 20_001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Columns[0];

        Assert.Equal(ColumnKind.Numeric, column.Kind);
        Assert.Equal(10_000, column.Distinct);
        Assert.True(column.DistinctCapped);
        Assert.Null(column.TopLevels);
        Assert.Equal(1, column.Min);
        Assert.Equal(20_001, column.Max);
        Assert.Equal(10_001, column.Mean!.Value, 9);
    }

    private static Task<CsvProfile> ProfileAsync(IEnumerable<string> cells)
    {
        var csv = "value\n" + string.Join('\n', cells) + "\n";
        return CsvProfiler.ProfileAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
    }
}
