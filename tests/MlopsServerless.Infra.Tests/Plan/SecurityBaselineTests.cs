using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.Plan;

public sealed class SecurityBaselineTests
{
    [Fact]
    public void For_AnyStack_StorageRefusesKeysAnonymousReadsPlainHttpAndOldTls()
    {
        var security = TestStack.Plan().Security;

        Assert.False(security.AllowBlobPublicAccess);
        Assert.False(security.AllowSharedKeyAccess);
        Assert.True(security.DefaultToOAuthAuthentication);
        Assert.True(security.StorageHttpsTrafficOnly);
        Assert.Equal("TLS1_2", security.StorageMinimumTlsVersion);
    }

    [Fact]
    public void For_AnyStack_TelemetryAndEventsAcceptOnlyEntraId()
    {
        var security = TestStack.Plan().Security;

        Assert.True(security.AppInsightsLocalAuthDisabled);
        Assert.True(security.EventsTopicLocalAuthDisabled);
    }

    [Fact]
    public void For_AnyStack_FunctionAppHttpsOnlyWithoutFtp()
    {
        var security = TestStack.Plan().Security;

        Assert.True(security.FunctionAppHttpsOnly);
        Assert.Equal("1.2", security.FunctionAppMinimumTlsVersion);
        Assert.Equal("Disabled", security.FtpsState);
    }

    [Fact]
    public void For_StackSettings_FlexRuntimeAndScaleFromConfig()
    {
        var app = TestStack.Plan((StackConfigKeys.MaximumInstanceCount, "250"), (StackConfigKeys.InstanceMemoryMB, "4096")).FunctionApp;

        Assert.Equal(("dotnet-isolated", "10.0"), (app.RuntimeName, app.RuntimeVersion));
        Assert.Equal(("FC1", "FlexConsumption"), (app.PlanSkuName, app.PlanSkuTier));
        Assert.Equal(250, app.MaximumInstanceCount);
        Assert.Equal(4096, app.InstanceMemoryMB);
    }

    [Fact]
    public void PredictUrlTemplate_HostName_PointsAtThePredictRoute()
    {
        Assert.Equal("https://func-x.azurewebsites.net/api/models/{name}/predict", FunctionAppPlan.PredictUrlTemplate("func-x.azurewebsites.net"));
    }
}
