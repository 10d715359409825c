using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.Plan;

public sealed class StackSettingsTests
{
    [Fact]
    public void Read_OnlyLocation_UsesDocumentedDefaults()
    {
        var settings = TestStack.Settings();

        Assert.Equal("westeurope", settings.Location);
        Assert.Equal("mlops", settings.NamePrefix);
        Assert.Equal(40, settings.MaximumInstanceCount);
        Assert.Equal(2048, settings.InstanceMemoryMB);
        Assert.Equal("0 0 * * * *", settings.DriftSchedule);
        Assert.Equal(30, settings.LogRetentionDays);
        Assert.Equal(30, settings.PredictionLogRetentionDays);
        Assert.Null(settings.AlertEmail);
        Assert.False(settings.RetrainingEnabled);
        Assert.Equal(0.1, settings.PredictionSamplingRate);
        Assert.Equal("../../artifacts/functions.zip", settings.PackagePath);
    }

    [Fact]
    public void Read_EveryKeySet_TakesTheValues()
    {
        var settings = TestStack.Settings(
            (StackConfigKeys.Location, "northeurope"),
            (StackConfigKeys.NamePrefix, "ml2"),
            (StackConfigKeys.MaximumInstanceCount, "100"),
            (StackConfigKeys.InstanceMemoryMB, "4096"),
            (StackConfigKeys.DriftSchedule, "0 */15 * * * *"),
            (StackConfigKeys.LogRetentionDays, "90"),
            (StackConfigKeys.PredictionLogRetentionDays, "7"),
            (StackConfigKeys.AlertEmail, "oncall@example.com"),
            (StackConfigKeys.RetrainingEnabled, "true"),
            (StackConfigKeys.PredictionSamplingRate, "0.25"),
            (StackConfigKeys.PackagePath, "/tmp/app.zip"));

        Assert.Equal(
            new StackSettings("acme", "mlops-serverless", "dev", "northeurope", "ml2", 100, 4096, "0 */15 * * * *", 90, 7,
                "oncall@example.com", true, 0.25, "/tmp/app.zip"),
            settings);
    }

    [Fact]
    public void Read_SeveralBadValues_ListsEveryProblemAtOnce()
    {
        var error = Assert.Throws<InvalidStackConfigException>(() => TestStack.Settings(
            (StackConfigKeys.Location, "West Europe"),
            (StackConfigKeys.NamePrefix, "My-Prefix"),
            (StackConfigKeys.MaximumInstanceCount, "5"),
            (StackConfigKeys.InstanceMemoryMB, "1024"),
            (StackConfigKeys.DriftSchedule, "0 * * * *"),
            (StackConfigKeys.LogRetentionDays, "ten"),
            (StackConfigKeys.PredictionLogRetentionDays, "0"),
            (StackConfigKeys.AlertEmail, "not-an-address"),
            (StackConfigKeys.RetrainingEnabled, "yes"),
            (StackConfigKeys.PredictionSamplingRate, "1.5")));

        Assert.Equal(10, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("mlops:location", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("mlops:instanceMemoryMB must be one of 512, 2048, 4096", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("mlops:maximumInstanceCount must be a whole number from 40 to 1000", StringComparison.Ordinal));
        Assert.Contains("six-field NCRONTAB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoLocation_SaysHowToSetIt()
    {
        var error = Assert.Throws<InvalidStackConfigException>(() =>
            StackSettings.Read("acme", "p", "dev", _ => null));

        Assert.Contains("pulumi config set mlops:location westeurope", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("512")]
    [InlineData("2048")]
    [InlineData("4096")]
    public void Read_FlexInstanceSize_Accepted(string memory)
    {
        Assert.Equal(int.Parse(memory, System.Globalization.CultureInfo.InvariantCulture),
            TestStack.Settings((StackConfigKeys.InstanceMemoryMB, memory)).InstanceMemoryMB);
    }

    [Fact]
    public void Read_BlankAlertEmail_MeansNoAlerts()
    {
        Assert.Null(TestStack.Settings((StackConfigKeys.AlertEmail, "  ")).AlertEmail);
    }
}
