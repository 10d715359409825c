using System.Text.RegularExpressions;
using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.Plan;

public sealed partial class AppSettingsTests
{
    [Fact]
    public void For_AnyStack_NamesAreUnique()
    {
        var names = TestStack.Plan().AppSettings.Select(s => s.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void For_AnyStack_NoLiteralCarriesAKeyOrConnectionString()
    {
        var literals = TestStack.Plan().AppSettings.Select(s => s.Value).OfType<SettingValue.Literal>().Select(l => l.Value);

        Assert.All(literals, value => Assert.DoesNotMatch(CredentialPattern(), value));
    }

    [Fact]
    public void For_AnyStack_OutputsUsedAreEndpointsAndIdsOnly()
    {
        var outputs = TestStack.Plan().AppSettings.Select(s => s.Value).OfType<SettingValue.FromOutput>().Select(o => o.Output).ToHashSet();

        // The App Insights connection string holds an instrumentation key, an identifier that cannot ingest on its own
        // once local auth is disabled (the baseline does); nothing else refers to a secret-bearing output.
        Assert.Subset(
            new HashSet<EnvironmentOutput>
            {
                EnvironmentOutput.DataBlobEndpoint, EnvironmentOutput.DataQueueEndpoint, EnvironmentOutput.DataTableEndpoint,
                EnvironmentOutput.IdentityClientId, EnvironmentOutput.EventsTopicEndpoint, EnvironmentOutput.AppInsightsConnectionString,
            },
            outputs);
        Assert.True(TestStack.Plan().Security.AppInsightsLocalAuthDisabled);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("MlopsStorage")]
    public void For_AnyStack_ConnectionIsIdentityBasedWithTheAppIdentity(string connection)
    {
        var settings = TestStack.Plan().AppSettings.ToDictionary(s => s.Name, s => s.Value);

        Assert.Equal(SettingValue.Of("managedidentity"), settings[$"{connection}__credential"]);
        Assert.Equal(SettingValue.From(EnvironmentOutput.IdentityClientId), settings[$"{connection}__clientId"]);
        Assert.Equal(SettingValue.From(EnvironmentOutput.DataBlobEndpoint), settings[$"{connection}__blobServiceUri"]);
        Assert.Equal(SettingValue.From(EnvironmentOutput.DataQueueEndpoint), settings[$"{connection}__queueServiceUri"]);
        Assert.Equal(SettingValue.From(EnvironmentOutput.DataTableEndpoint), settings[$"{connection}__tableServiceUri"]);
        Assert.False(settings.ContainsKey(connection), $"{connection} as a plain setting would be a connection string");
    }

    [Fact]
    public void For_AnyStack_LeavesPlatformOwnedSettingsToFlexConsumption()
    {
        var names = TestStack.Plan().AppSettings.Select(s => s.Name);

        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", names);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", names);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", names);
    }

    [Fact]
    public void For_StackSettings_ValuesFromConfigInInvariantForm()
    {
        var settings = TestStack.Plan(
                (StackConfigKeys.DriftSchedule, "0 30 * * * *"),
                (StackConfigKeys.RetrainingEnabled, "true"),
                (StackConfigKeys.PredictionSamplingRate, "0.05"))
            .AppSettings.ToDictionary(s => s.Name, s => s.Value);

        Assert.Equal(SettingValue.Of("0 30 * * * *"), settings["MLOPS_DRIFT_SCHEDULE"]);
        Assert.Equal(SettingValue.Of("true"), settings["Mlops__Retraining__Enabled"]);
        Assert.Equal(SettingValue.Of("0.05"), settings["Mlops__PredictionLog__SamplingRate"]);
        Assert.Equal(SettingValue.Of("mlops"), settings["MLOPS_DATA_CONTAINER"]);
    }

    [Fact]
    public void Render_AppInsightsAuthentication_NamesTheIdentityClientId()
    {
        var value = Assert.IsType<SettingValue.FromOutput>(
            TestStack.Plan().AppSettings.Single(s => s.Name == "APPLICATIONINSIGHTS_AUTHENTICATION_STRING").Value);

        Assert.Equal(EnvironmentOutput.IdentityClientId, value.Output);
        Assert.Equal("Authorization=AAD;ClientId=0000-client", value.Render("0000-client"));
    }

    [GeneratedRegex("AccountKey=|SharedAccessSignature=|[?&]sig=|UseDevelopmentStorage|DefaultEndpointsProtocol|InstrumentationKey=|password", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialPattern();
}
