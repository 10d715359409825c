using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests;

public sealed class CoreServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddMlopsCore_WithTheHostsFive_ResolvesEveryService()
    {
        using var folder = new TempFolder();
        var services = CoreContainer.Services(folder.Path);
        // Async disposal: the prediction log flushes on DisposeAsync and has no synchronous Dispose.
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var descriptor in services.Where(d => !d.ServiceType.IsGenericTypeDefinition))
        {
            Assert.NotNull(provider.GetRequiredService(descriptor.ServiceType));
        }
    }


    [Fact]
    public void AddMlopsCore_KeepsAHostsTimeProvider()
    {
        var fake = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(fake);

        services.AddMlopsCore();

        Assert.Same(fake, Assert.Single(services, d => d.ServiceType == typeof(TimeProvider)).ImplementationInstance);
    }

    [Fact]
    public void AddMlopsCore_SettingsInConfiguration_BindTheMonitoringOptions()
    {
        using var provider = ProviderWith(new() { ["Mlops:Retraining:Enabled"] = "false", ["Mlops:PredictionLog:SamplingRate"] = "0.25" });

        Assert.False(provider.GetRequiredService<IOptions<RetrainingOptions>>().Value.Enabled);
        Assert.Equal(0.25, provider.GetRequiredService<IOptions<PredictionLogOptions>>().Value.SamplingRate);
    }

    [Fact]
    public void AddMlopsCore_SamplingRateAboveOne_FailsValidationNamingTheSection()
    {
        using var provider = ProviderWith(new() { ["Mlops:PredictionLog:SamplingRate"] = "2" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PredictionLogOptions>>().Value);
        Assert.Contains("Mlops:PredictionLog", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider ProviderWith(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddMlopsCore();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
