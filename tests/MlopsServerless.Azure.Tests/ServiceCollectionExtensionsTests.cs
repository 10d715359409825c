using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Azure.Events;
using MlopsServerless.Azure.Storage;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Azure.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void AddAzureBlobObjectStore_WithConnectionString_ResolvesOneConfiguredStore()
    {
        using var provider = new ServiceCollection()
            .AddAzureBlobObjectStore(o => (o.ConnectionString, o.Container) = ("UseDevelopmentStorage=true", "models-test"))
            .BuildServiceProvider();

        var store = Assert.IsType<BlobObjectStore>(provider.GetRequiredService<IObjectStore>());
        Assert.Equal("models-test", store.ContainerName);
        Assert.Same(store, provider.GetRequiredService<BlobObjectStore>());
    }

    [Fact]
    public void AddAzureBlobObjectStore_NothingConfigured_FailsOnResolveSayingWhatToSet()
    {
        using var provider = new ServiceCollection().AddAzureBlobObjectStore().BuildServiceProvider();
        var e = Assert.Throws<MlopsException>(() => provider.GetRequiredService<IObjectStore>());
        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("ConnectionString", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEventGridPublisher_WithKey_ResolvesThePublisher()
    {
        using var provider = new ServiceCollection()
            .AddEventGridPublisher(o => (o.TopicEndpoint, o.AccessKey) = (new Uri("https://t.westeurope-1.eventgrid.azure.net/api/events"), "key"))
            .BuildServiceProvider();

        Assert.IsType<EventGridEventPublisher>(provider.GetRequiredService<IEventPublisher>());
    }
}
