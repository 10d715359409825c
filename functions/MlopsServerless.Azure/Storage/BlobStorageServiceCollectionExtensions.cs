using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Azure.Storage;

/// <summary>Registers Blob Storage as the <see cref="IObjectStore"/>.</summary>
public static class BlobStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="BlobObjectStore"/> as <see cref="IObjectStore"/>, configured by
    /// <paramref name="configure"/> on top of any <see cref="BlobStoreOptions"/> bound elsewhere (for example
    /// <c>services.AddOptions&lt;BlobStoreOptions&gt;().BindConfiguration("Storage")</c>). The options are validated
    /// when the store is first resolved; a bad setting fails with InvalidArgument naming it.
    /// </summary>
    public static IServiceCollection AddAzureBlobObjectStore(this IServiceCollection services, Action<BlobStoreOptions>? configure = null)
    {
        var options = services.AddOptions<BlobStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton(provider => new BlobObjectStore(
            provider.GetRequiredService<IOptions<BlobStoreOptions>>().Value,
            provider.GetService<ILogger<BlobObjectStore>>()));
        services.AddSingleton<IObjectStore>(provider => provider.GetRequiredService<BlobObjectStore>());
        return services;
    }
}
