using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests;

public sealed class CoreServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddMlopsCore_WithTheHostsThree_ResolvesEveryService()
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection().AddLogging().AddMlopsCore();
        services.AddSingleton<IObjectStore>(new FileSystemObjectStore(folder.Path));
        services.AddSingleton<IEventPublisher, NoEvents>();
        services.AddSingleton<IPipelineLauncher, RecordingLauncher>();
        // Async disposal: the prediction log flushes on DisposeAsync and has no synchronous Dispose.
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var descriptor in services.Where(d => !d.ServiceType.IsGenericTypeDefinition))
        {
            Assert.NotNull(provider.GetRequiredService(descriptor.ServiceType));
        }
    }

    private sealed class NoEvents : IEventPublisher
    {
        public Task PublishAsync(MlopsEvent mlopsEvent, CancellationToken cancellationToken) => Task.CompletedTask;
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
}
