using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Azure.Records;

/// <summary>Registers Azure Table Storage as the <see cref="IRecordStore"/>.</summary>
public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="TableRecordStore"/> as <see cref="IRecordStore"/>, configured by
    /// <paramref name="configure"/> on top of any <see cref="TableStoreOptions"/> bound elsewhere. The options are
    /// validated when the store is first resolved; a bad setting fails with InvalidArgument naming it.
    /// </summary>
    public static IServiceCollection AddAzureTableRecordStore(this IServiceCollection services, Action<TableStoreOptions>? configure = null)
    {
        var options = services.AddOptions<TableStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton(provider => new TableRecordStore(
            provider.GetRequiredService<IOptions<TableStoreOptions>>().Value,
            provider.GetService<ILogger<TableRecordStore>>()));
        services.AddSingleton<IRecordStore>(provider => provider.GetRequiredService<TableRecordStore>());
        return services;
    }
}
