using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class PromotionPolicyTests
{
    private static Dictionary<string, double> M(params (string Name, double Value)[] metrics) => metrics.ToDictionary(m => m.Name, m => m.Value);

    [Fact]
    public void Decide_NoChampion_PromotesFirstModel() =>
        Assert.True(PromotionPolicy.Default.Decide("auc", M(("auc", 0.6)), null).Promote);

    [Fact]
    public void Decide_ChampionWithoutTheMetric_CountsAsFirstModel() =>
        Assert.True(PromotionPolicy.Default.Decide("auc", M(("auc", 0.6)), M(("rmse", 1))).Promote);

    [Theory]
    [InlineData(0.75, 0.5, true)]
    [InlineData(0.5, 0.5, false)]
    [InlineData(0.625, 0.5, false)]
    [InlineData(0.25, 0.5, false)]
    public void Decide_HigherIsBetter_NeedsTheMargin(double candidate, double champion, bool promote)
    {
        var policy = new PromotionPolicy(MinImprovement: 0.25);

        var decision = policy.Decide("auc", M(("auc", candidate)), M(("auc", champion)));

        Assert.Equal(promote, decision.Promote);
        Assert.Contains("auc", decision.Reason);
    }

    [Theory]
    [InlineData(0.25, 0.5, true)]
    [InlineData(0.375, 0.5, false)]
    [InlineData(0.75, 0.5, false)]
    public void Decide_LowerIsBetter_NeedsTheMarginDownwards(double candidate, double champion, bool promote) =>
        Assert.Equal(promote, new PromotionPolicy(MinImprovement: 0.25).Decide("logloss", M(("logloss", candidate)), M(("logloss", champion))).Promote);

    [Fact]
    public void Decide_BelowHigherIsBetterFloor_RefusesEvenTheFirstModel()
    {
        var policy = new PromotionPolicy(Floors: M(("auc", 0.7)));

        var decision = policy.Decide("auc", M(("auc", 0.69)), null);

        Assert.False(decision.Promote);
        Assert.Contains("floor", decision.Reason);
    }

    [Fact]
    public void Decide_AboveLowerIsBetterFloor_Refuses()
    {
        var policy = new PromotionPolicy(Floors: M(("ece", 0.1)));

        Assert.False(policy.Decide("auc", M(("auc", 0.9), ("ece", 0.2)), null).Promote);
        Assert.True(policy.Decide("auc", M(("auc", 0.9), ("ece", 0.05)), null).Promote);
    }

    [Fact]
    public void Decide_FloorOnMetricTheCandidateLacks_Refuses() =>
        Assert.False(new PromotionPolicy(Floors: M(("f1", 0.5))).Decide("auc", M(("auc", 0.9)), null).Promote);

    [Fact]
    public void Decide_NaNMetricUnderAFloor_Refuses()
    {
        // A test split with one class has no AUC (NaN); "no value" must not count as clearing a floor.
        var policy = new PromotionPolicy(Floors: M(("auc", 0.7)));

        Assert.False(policy.Decide("auc", M(("auc", double.NaN)), null).Promote);
        Assert.False(new PromotionPolicy(Floors: M(("logloss", 0.5))).Decide("auc", M(("auc", 0.9), ("logloss", double.NaN)), null).Promote);
    }

    [Fact]
    public void Decide_AutoPromoteOff_NeverPromotes()
    {
        var decision = new PromotionPolicy(AutoPromote: false).Decide("auc", M(("auc", 0.99)), null);

        Assert.False(decision.Promote);
        Assert.Contains("automatic promotion is off", decision.Reason);
    }

    [Fact]
    public void Decide_CandidateWithoutPrimaryMetric_Refuses() =>
        Assert.False(PromotionPolicy.Default.Decide("auc", M(("f1", 0.9)), null).Promote);
}
