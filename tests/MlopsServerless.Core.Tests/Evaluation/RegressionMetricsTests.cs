using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using static MlopsServerless.Core.Tests.Evaluation.MetricFixtures;

namespace MlopsServerless.Core.Tests.Evaluation;

public sealed class RegressionMetricsTests
{
    [Fact]
    public void Metrics_SklearnFixture_MatchSklearn()
    {
        Assert.Equal(RegRmse, RegressionMetrics.Rmse(RegY, RegP), 12);
        Assert.Equal(RegMae, RegressionMetrics.Mae(RegY, RegP), 12);
        Assert.Equal(RegR2, RegressionMetrics.R2(RegY, RegP), 12);
    }

    [Fact]
    public void Mape_ActualZero_UsesEpsilonLikeSklearn()
    {
        // RegY[3] is 0, so one term divides by 2.22e-16: the value is huge but finite and equal to sklearn's.
        var mape = RegressionMetrics.Mape(RegY, RegP);

        Assert.True(double.IsFinite(mape));
        Assert.Equal(1.0, mape / RegMape, 12);
    }

    [Fact]
    public void R2_ConstantActualPerfectPrediction_IsOne()
    {
        Assert.Equal(ConstantR2Perfect, RegressionMetrics.R2([3.0, 3.0, 3.0], [3.0, 3.0, 3.0]));
    }

    [Fact]
    public void R2_ConstantActualImperfectPrediction_IsZero()
    {
        Assert.Equal(ConstantR2Imperfect, RegressionMetrics.R2([3.0, 3.0, 3.0], [3.0, 2.0, 3.0]));
    }

    [Fact]
    public void Rmse_Empty_ThrowsInvalidArgument()
    {
        var e = Assert.Throws<MlopsException>(() => RegressionMetrics.Rmse([], []));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }
}
