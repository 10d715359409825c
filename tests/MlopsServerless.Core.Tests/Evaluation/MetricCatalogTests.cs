using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Evaluation;

public sealed class MetricCatalogTests
{
    [Theory]
    [InlineData("auc", true)]
    [InlineData("pr_auc", true)]
    [InlineData("accuracy", true)]
    [InlineData("r2", true)]
    [InlineData("logloss", false)]
    [InlineData("brier", false)]
    [InlineData("ece", false)]
    [InlineData("rmse", false)]
    [InlineData("mape", false)]
    public void HigherIsBetter_KnownMetric_ReturnsDirection(string metric, bool expected)
    {
        Assert.Equal(expected, MetricCatalog.HigherIsBetter(metric));
    }

    [Fact]
    public void HigherIsBetter_UnknownMetric_ThrowsListingKnown()
    {
        var e = Assert.Throws<MlopsException>(() => MetricCatalog.HigherIsBetter("acuracy"));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("accuracy", e.Message);
    }

    [Theory]
    [InlineData(ModelTask.BinaryClassification, "auc")]
    [InlineData(ModelTask.MulticlassClassification, "auc")]
    [InlineData(ModelTask.Regression, "rmse")]
    public void DefaultPrimary_Task_IsListedForTask(ModelTask task, string expected)
    {
        Assert.Equal(expected, MetricCatalog.DefaultPrimary(task));
        Assert.Contains(expected, MetricCatalog.For(task));
    }
}
