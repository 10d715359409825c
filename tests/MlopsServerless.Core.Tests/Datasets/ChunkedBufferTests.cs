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
}
