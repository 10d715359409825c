using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.Plan;

public sealed class PredictionLogRetentionRuleTests
{
    private static readonly Dictionary<string, string> PredictionLogTag = new() { ["mlops-kind"] = "prediction-log" };

    [Fact]
    public void For_StackSettings_DeletesAfterTheConfiguredDays()
    {
        var rule = TestStack.Plan((StackConfigKeys.PredictionLogRetentionDays, "9")).PredictionLogRetention;

        Assert.Equal(9, rule.DaysAfterModification);
        Assert.Equal(["blockBlob", "appendBlob"], rule.BlobTypes);
    }

    [Fact]
    public void Matches_TaggedPredictionLog_True()
    {
        Assert.True(TestStack.Plan().PredictionLogRetention.Matches("mlops", "monitoring/churn/predictions/2026-12-01.jsonl", PredictionLogTag));
    }

    [Theory]
    [InlineData("monitoring/churn/reports/2026-12-01.json")]
    [InlineData("monitoring/churn/predictions/2026-12-01.jsonl")]
    public void Matches_UntaggedMonitoringBlob_FalseSoDriftReportsSurvive(string blob)
    {
        Assert.False(TestStack.Plan().PredictionLogRetention.Matches("mlops", blob, new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("mlops", "models/churn/1/model.json")]
    [InlineData("mlops", "datasets/iris/v1/data.csv")]
    [InlineData("app-package", "monitoring/x")]
    public void Matches_BlobOutsideMonitoring_FalseEvenWhenTagged(string container, string blob)
    {
        Assert.False(TestStack.Plan().PredictionLogRetention.Matches(container, blob, PredictionLogTag));
    }
}
