using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class DataSplitTests
{
    /// <summary>1000 rows in three classes of 600, 300 and 100 rows, interleaved.</summary>
    private static int[] Strata() => Enumerable.Range(0, 1000).Select(r => r % 10 < 6 ? 0 : r % 10 < 9 ? 1 : 2).ToArray();

    [Fact]
    public void Compute_SameInputs_GiveTheSameSplit()
    {
        var a = DataSplit.Compute(1000, Strata(), 42, 0.15, 0.15);
        var b = DataSplit.Compute(1000, Strata(), 42, 0.15, 0.15);

        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Validation, b.Validation);
        Assert.Equal(a.Test, b.Test);
    }

    [Fact]
    public void Compute_OtherSeed_GivesAnotherSplit()
    {
        var a = DataSplit.Compute(1000, Strata(), 42, 0.15, 0.15);
        var b = DataSplit.Compute(1000, Strata(), 43, 0.15, 0.15);

        Assert.NotEqual(a.Test, b.Test);
    }

    [Theory]
    [InlineData(1000, 0.15, 0.15)]
    [InlineData(37, 0.2, 0.1)]
    [InlineData(5, 0.3, 0.3)]
    public void Compute_Parts_AreDisjointSortedAndCoverEveryRow(int rows, double validation, double test)
    {
        var strata = Enumerable.Range(0, rows).Select(r => r % 3).ToArray();

        var split = DataSplit.Compute(rows, strata, 7, validation, test);

        var all = split.Train.Concat(split.Validation).Concat(split.Test).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, rows), all);
        Assert.Equal(split.Train.Order(), split.Train);
        Assert.Equal(split.Validation.Order(), split.Validation);
        Assert.Equal(split.Test.Order(), split.Test);
    }

    [Fact]
    public void Compute_Stratified_KeepsEachClassShareWithinOneRowPerPart()
    {
        var strata = Strata();

        var split = DataSplit.Compute(1000, strata, 42, 0.15, 0.2);

        foreach (var cls in new[] { 0, 1, 2 })
        {
            var size = strata.Count(s => s == cls);
            Assert.InRange(split.Test.Count(r => strata[r] == cls), size * 0.2 - 1, size * 0.2 + 1);
            Assert.InRange(split.Validation.Count(r => strata[r] == cls), size * 0.15 - 1, size * 0.15 + 1);
            Assert.InRange(split.Train.Count(r => strata[r] == cls), size * 0.65 - 1, size * 0.65 + 1);
        }
    }

    [Fact]
    public void Compute_Regression_SplitsAllRowsByTheFractions()
    {
        var split = DataSplit.Compute(200, null, 42, 0.15, 0.15);

        Assert.Equal((140, 30, 30), (split.Train.Length, split.Validation.Length, split.Test.Length));
    }

    [Fact]
    public void Compute_IsAShuffleNotTheFirstRows()
    {
        var split = DataSplit.Compute(200, null, 42, 0.15, 0.15);

        Assert.NotEqual(Enumerable.Range(0, 30), split.Test);
    }
}
