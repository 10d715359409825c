using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.Plan;

public sealed class AlertPlanTests
{
    [Fact]
    public void For_NoAlertEmail_NoAlerts()
    {
        Assert.Null(TestStack.Plan().Alerts);
    }

    [Fact]
    public void For_AlertEmail_MailsFailedRequestsAndExceptions()
    {
        var alerts = TestStack.Plan((StackConfigKeys.AlertEmail, "oncall@example.com")).Alerts;

        Assert.NotNull(alerts);
        Assert.Equal("oncall@example.com", alerts.EmailAddress);
        Assert.Equal("ag-mlops-dev", alerts.ActionGroupName);
        Assert.InRange(alerts.ShortName.Length, 1, 12);
        Assert.Equal(["requests/failed", "exceptions/count"], alerts.Rules.Select(r => r.MetricName));
        Assert.All(alerts.Rules, rule => Assert.Equal(("GreaterThan", "Count"), (rule.Operator, rule.TimeAggregation)));
    }
}
