using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using static MlopsServerless.Core.Tests.Evaluation.MetricFixtures;

namespace MlopsServerless.Core.Tests.Evaluation;

public sealed class ClassificationMetricsTests
{
    private const int Digits = 12;

    public sealed record Case(string Name, int[] Y, double[] P, int K, double Accuracy, double BalancedAccuracy, double Precision,
        double Recall, double F1, double Auc, double PrAuc, double LogLoss, double Brier, double Ece)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new()
    {
        new Case("ties", TiesY, TiesP, TiesK, TiesAccuracy, TiesBalancedAccuracy, TiesPrecision, TiesRecall, TiesF1, TiesAuc, TiesPrAuc, TiesLogLoss, TiesBrier, TiesEce),
        new Case("imbalanced", ImbalancedY, ImbalancedP, ImbalancedK, ImbalancedAccuracy, ImbalancedBalancedAccuracy, ImbalancedPrecision, ImbalancedRecall, ImbalancedF1, ImbalancedAuc, ImbalancedPrAuc, ImbalancedLogLoss, ImbalancedBrier, ImbalancedEce),
        new Case("perfect", PerfectY, PerfectP, PerfectK, PerfectAccuracy, PerfectBalancedAccuracy, PerfectPrecision, PerfectRecall, PerfectF1, PerfectAuc, PerfectPrAuc, PerfectLogLoss, PerfectBrier, PerfectEce),
        new Case("multiclass", MultiY, MultiP, MultiK, MultiAccuracy, MultiBalancedAccuracy, MultiPrecision, MultiRecall, MultiF1, MultiAuc, MultiPrAuc, MultiLogLoss, MultiBrier, MultiEce),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Metrics_SklearnFixture_MatchSklearn(Case c)
    {
        var predicted = ArgMax(c.P, c.K);
        var (precision, recall, f1) = ClassificationMetrics.PrecisionRecallF1(c.Y, predicted, c.K);

        Assert.Equal(c.Accuracy, ClassificationMetrics.Accuracy(c.Y, predicted), Digits);
        Assert.Equal(c.BalancedAccuracy, ClassificationMetrics.BalancedAccuracy(c.Y, predicted, c.K), Digits);
        Assert.Equal(c.Precision, precision, Digits);
        Assert.Equal(c.Recall, recall, Digits);
        Assert.Equal(c.F1, f1, Digits);
        Assert.Equal(c.Auc, ClassificationMetrics.RocAuc(c.Y, c.P, c.K), Digits);
        Assert.Equal(c.PrAuc, ClassificationMetrics.AveragePrecision(c.Y, c.P, c.K), Digits);
        Assert.Equal(c.LogLoss, ClassificationMetrics.LogLoss(c.Y, c.P, c.K), Digits);
        Assert.Equal(c.Brier, ClassificationMetrics.Brier(c.Y, c.P, c.K), Digits);
        Assert.Equal(c.Ece, ClassificationMetrics.ExpectedCalibrationError(c.Y, c.P, c.K), Digits);
    }

    [Fact]
    public void MacroScores_ClassAbsentFromLabels_MatchSklearnLabelUnion()
    {
        var predicted = ArgMax(SparseP, 4);
        var (precision, recall, f1) = ClassificationMetrics.PrecisionRecallF1(SparseY, predicted, 4);

        Assert.Equal(SparsePrecision, precision, Digits);
        Assert.Equal(SparseRecall, recall, Digits);
        Assert.Equal(SparseF1, f1, Digits);
        Assert.Equal(SparseBalancedAccuracy, ClassificationMetrics.BalancedAccuracy(SparseY, predicted, 4), Digits);
        Assert.Equal(SparseLogLoss, ClassificationMetrics.LogLoss(SparseY, SparseP, 4), Digits);
    }

    [Fact]
    public void RocAuc_ClassAbsentFromLabels_AveragesPresentClassesOnly()
    {
        Assert.Equal(SparseAuc, ClassificationMetrics.RocAuc(SparseY, SparseP, 4), Digits);
    }

    [Fact]
    public void RocAuc_AllTied_IsOneHalf()
    {
        Assert.Equal(0.5, ClassificationMetrics.RocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]), Digits);
    }

    [Fact]
    public void RocAuc_ReversedRanking_IsZero()
    {
        Assert.Equal(0.0, ClassificationMetrics.RocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]), Digits);
    }

    [Fact]
    public void RocAuc_SingleClass_ThrowsFailedPrecondition()
    {
        var e = Assert.Throws<MlopsException>(() => ClassificationMetrics.RocAuc([1, 1, 1], [0.2, 0.5, 0.9]));

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
        Assert.Contains("only positives", e.Message);
    }

    [Fact]
    public void AveragePrecision_NoPositives_ThrowsFailedPrecondition()
    {
        var e = Assert.Throws<MlopsException>(() => ClassificationMetrics.AveragePrecision([0, 0, 0], [0.2, 0.5, 0.9]));

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
    }

    [Fact]
    public void AveragePrecision_AllPositives_IsOne()
    {
        Assert.Equal(1.0, ClassificationMetrics.AveragePrecision([1, 1, 1], [0.2, 0.5, 0.9]), Digits);
    }

    [Fact]
    public void RocAuc_MulticlassWithOneClassPresent_ThrowsFailedPrecondition()
    {
        var e = Assert.Throws<MlopsException>(() =>
            ClassificationMetrics.RocAuc([2, 2], [0.2, 0.3, 0.5, 0.1, 0.1, 0.8], 3));

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
    }

    [Fact]
    public void LogLoss_ConfidentMistakes_AreClippedLikeSklearn()
    {
        double[] p = [1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0];

        Assert.Equal(ClippedLogLoss, ClassificationMetrics.LogLoss([1, 0, 1, 0], p, 2), Digits);
    }

    [Fact]
    public void LogLoss_SingleClassInLabels_IsDefined()
    {
        double[] p = [0.1, 0.9, 0.4, 0.6, 0.8, 0.2];

        Assert.Equal(SingleClassLogLoss, ClassificationMetrics.LogLoss([1, 1, 1], p, 2), Digits);
    }

    [Fact]
    public void PrecisionRecallF1_NoPredictedPositives_AreZeroNotNaN()
    {
        var (precision, recall, f1) = ClassificationMetrics.PrecisionRecallF1([0, 1, 1], [0, 0, 0], 2);

        Assert.Equal((0.0, 0.0, 0.0), (precision, recall, f1));
    }

    [Fact]
    public void ExpectedCalibrationError_PerfectlyCalibratedBins_IsZero()
    {
        // Four rows at confidence 0.75, three of them right: accuracy equals confidence in the only bin.
        double[] p = [0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75];

        Assert.Equal(0.0, ClassificationMetrics.ExpectedCalibrationError([1, 1, 1, 0], p, 2), Digits);
    }

    [Fact]
    public void Accuracy_Empty_ThrowsInvalidArgument()
    {
        var e = Assert.Throws<MlopsException>(() => ClassificationMetrics.Accuracy([], []));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public void Accuracy_LengthMismatch_ThrowsInvalidArgument()
    {
        Assert.Throws<MlopsException>(() => ClassificationMetrics.Accuracy([0, 1], [0]));
    }

    private static int[] ArgMax(double[] p, int k)
    {
        var result = new int[p.Length / k];
        for (var i = 0; i < result.Length; i++)
        {
            var best = 0;
            for (var j = 1; j < k; j++)
            {
                if (p[(i * k) + j] > p[(i * k) + best])
                {
                    best = j;
                }
            }

            result[i] = best;
        }

        return result;
    }
}
