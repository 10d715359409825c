using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Tests.Datasets;

public sealed class ChunkedBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65_536)]
    [InlineData(200_001)]
    public void Drain_AnyCount_ReturnsEveryValueInOrderAndEmpties(int count)
    {
        var buffer = new ChunkedBuffer<int>();
        for (var i = 0; i < count; i++)
        {
            buffer.Add(i * 3);
        }

        var values = buffer.Drain();

        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 3), values);
        Assert.Equal(0, buffer.Count);
        buffer.Add(7);
        Assert.Equal([7], buffer.Drain());
    }

    [Theory]
    [InlineData(1_000, 1_000)]
    [InlineData(1_000, 999)]
    [InlineData(1_000, 1_001)]
    [InlineData(10, 200_000)]
    [InlineData(200_000, 0)]
    public void Drain_WithAnExpectedCount_ReturnsExactlyWhatWasAddedRightOrWrong(int expected, int count)
    {
        var buffer = new ChunkedBuffer<int>(expected);
        for (var i = 0; i < count; i++)
        {
            buffer.Add(i - 5);
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => i - 5), buffer.Drain());
    }

    [Fact]
    public void Drain_ExpectedCountRight_HandsOverTheValuesWithoutCopying()
    {
        const int count = 1_000_000;
        var buffer = new ChunkedBuffer<double>(count);
        for (var i = 0; i < count; i++)
        {
            buffer.Add(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var values = buffer.Drain();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(count, values.Length);
        Assert.Equal(count - 1, values[^1]);
        Assert.True(allocated < 1024, $"Draining allocated {allocated} bytes; a copy would be {count * sizeof(double)}.");
    }
}
