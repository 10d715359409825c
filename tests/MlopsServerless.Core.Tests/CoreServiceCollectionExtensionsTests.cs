using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests;

public sealed class CoreServiceCollectionExtensionsTests
{
    /// <summary>What the host must add itself, per the extension's documentation, plus logging.</summary>
    private static readonly Type[] HostProvided = [typeof(IObjectStore), typeof(IEventPublisher), typeof(IPipelineLauncher)];

    [Fact]
    public void AddMlopsCore_EveryConstructorDependency_IsRegisteredOrHostProvided()
    {
        var services = new ServiceCollection().AddMlopsCore();
        var registered = services.Select(d => d.ServiceType).ToHashSet();

        foreach (var descriptor in services.Where(d => d.ImplementationType is not null))
        {
            var constructor = Assert.Single(descriptor.ImplementationType!.GetConstructors());
            foreach (var parameter in constructor.GetParameters())
            {
                var type = parameter.ParameterType;
                var ok = registered.Contains(type) || HostProvided.Contains(type)
                    || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ILogger<>));
                Assert.True(ok, $"{descriptor.ImplementationType.Name} needs {type.Name}, which nothing registers.");
            }
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
}
