using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Pipeline.Steps;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class CandidateSelectionTests
{
    private static CandidateResult C(int index, string metric, double value) =>
        new(index, "logreg", new Dictionary<string, string>(), new Dictionary<string, double> { [metric] = value }, $"k{index}", 0);

    [Fact]
    public void Best_HigherIsBetter_PicksTheLargest() =>
        Assert.Equal(1, CandidateSelection.Best([C(0, "auc", 0.7), C(1, "auc", 0.9), C(2, "auc", 0.8)], "auc").Index);

    [Fact]
    public void Best_Tie_GoesToTheEarlierIndexWhateverTheListOrder() =>
        Assert.Equal(1, CandidateSelection.Best([C(2, "auc", 0.9), C(1, "auc", 0.9), C(0, "auc", 0.5)], "auc").Index);

    [Fact]
    public void Best_LowerIsBetter_PicksTheSmallest() =>
        Assert.Equal(2, CandidateSelection.Best([C(0, "rmse", 3), C(1, "rmse", 2), C(2, "rmse", 1)], "rmse").Index);

    [Fact]
    public void Best_SkipsNaNAndMissingMetrics() =>
        Assert.Equal(2, CandidateSelection.Best([C(0, "auc", double.NaN), C(1, "f1", 0.99), C(2, "auc", 0.6)], "auc").Index);

    [Fact]
    public void Best_NoCandidateHasTheMetric_IsFailedPrecondition() =>
        Assert.Equal(ErrorCode.FailedPrecondition, Assert.Throws<MlopsException>(() => CandidateSelection.Best([C(0, "f1", 0.5)], "auc")).Code);
}
