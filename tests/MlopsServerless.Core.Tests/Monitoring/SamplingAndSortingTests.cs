using MlopsServerless.Core.Monitoring;

namespace MlopsServerless.Core.Tests.Monitoring;

public sealed class SamplingAndSortingTests
{
    [Fact]
    public void SortedPresent_MixedValues_MatchesComparisonSortWithoutNaN()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 20_000).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 6)))
            .Concat([double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e-310, -1e-310, double.MaxValue])
            .ToArray();

        var sorted = RadixSort.SortedPresent(values);

        Assert.Equal(values.Where(v => !double.IsNaN(v)).Order(), sorted);
    }

    [Fact]
    public void SortedPresent_AllMissing_IsEmpty() => Assert.Empty(RadixSort.SortedPresent([double.NaN, double.NaN]));

    [Fact]
    public void ReservoirSampler_LongStream_IsUniformAcrossTheStream()
    {
        var sampler = new ReservoirSampler(2000, 9);
        for (var i = 0; i < 1_000_000; i++)
        {
            sampler.Add(i);
        }

        var sample = sampler.ToSortedArray();

        Assert.Equal(2000, sample.Length);
        Assert.Equal(2000, sample.Distinct().Count());
        // Each tenth of the stream should hold about 200 of the 2000 (binomial sd ~13).
        for (var decile = 0; decile < 10; decile++)
        {
            Assert.InRange(sample.Count(v => v >= decile * 100_000 && v < (decile + 1) * 100_000), 140, 260);
        }
    }

    [Fact]
    public void ReservoirSampler_FewerValuesThanCapacity_KeepsThemAll()
    {
        var sampler = new ReservoirSampler(10, 1);
        foreach (var v in new[] { 3.0, 1.0, 2.0 })
        {
            sampler.Add(v);
        }

        Assert.Equal([1.0, 2.0, 3.0], sampler.ToSortedArray());
    }
}
