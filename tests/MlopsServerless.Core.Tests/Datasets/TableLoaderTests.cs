using System.Globalization;
using System.Text;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Tests.Datasets;

public sealed class TableLoaderTests
{
    private static readonly IReadOnlyList<ColumnProfile> Schema =
    [
        Profile("x", ColumnKind.Numeric),
        Profile("flag", ColumnKind.Boolean),
        Profile("city", ColumnKind.Categorical),
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(50)]
    public async Task LoadAsync_AnyExpectedRowCount_GivesTheSameTable(long expectedRows)
    {
        const string text = "x,flag,city\n1.5,yes,Oslo\nNA,no, Rome \n-2e3,,Oslo\n";

        var table = await TableLoader.LoadAsync(Content(text), Schema, expectedRows, CancellationToken.None);

        Assert.Equal(3, table.RowCount);
        var x = ((NumericColumn)table["x"]).Values;
        Assert.Equal(1.5, x[0]);
        Assert.True(double.IsNaN(x[1]));
        Assert.Equal(-2000, x[2]);
        Assert.Equal([1, 0, double.NaN], ((NumericColumn)table["flag"]).Values);
        var city = (CategoricalColumn)table["city"];
        Assert.Equal(["Oslo", "Rome"], city.Levels);
        Assert.Equal([0, 1, 0], city.Codes);
    }

    [Fact]
    public async Task LoadAsync_WrongKindOfValue_NamesLineColumnAndValue()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() =>
            TableLoader.LoadAsync(Content("x,flag,city\n1,yes,a\nabc,no,b\n"), Schema, 2, CancellationToken.None));

        Assert.Contains("Line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'abc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ManyRows_AllocatesAboutTheTableNotAStringPerCell()
    {
        const int rows = 100_000;
        var text = new StringBuilder("x,flag,city\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append((i * 0.25).ToString(CultureInfo.InvariantCulture)).Append(i % 2 == 0 ? ",true," : ",false,").Append("level").Append(i % 7).Append('\n');
        }

        var content = Content(text.ToString());

        // A MemoryStream completes every read synchronously, so the whole load runs on this thread.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var table = await TableLoader.LoadAsync(content, Schema, rows, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(rows, table.RowCount);
        Assert.Equal(7, ((CategoricalColumn)table["city"]).Levels.Count);
        var columns = rows * (sizeof(double) + sizeof(double) + sizeof(int));
        Assert.True(allocated < columns + 1_000_000, $"Loading allocated {allocated:N0} bytes for {columns:N0} bytes of columns.");
    }

    private static MemoryStream Content(string text) => new(Encoding.UTF8.GetBytes(text));

    private static ColumnProfile Profile(string name, ColumnKind kind) => new(name, kind, 0, 0, 0, false, null, null, null, null, null);
}
