using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlopsServerless.Azure.Events;
using MlopsServerless.Azure.Records;
using MlopsServerless.Azure.Storage;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core;
using MlopsServerless.Functions.Http;
using MlopsServerless.Functions.Pipeline;
using MlopsServerless.Http.Health;
using MlopsServerless.MLNet;
using MlopsServerless.Http;

namespace MlopsServerless.Functions.Hosting;

/// <summary>Everything the Functions app's functions use: Core over Blob Storage and Table Storage, Event Grid, the Durable launcher and the shared HTTP API.</summary>
public static class FunctionsServiceCollectionExtensions
{
    public static IServiceCollection AddMlopsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMlopsCore();
        services.AddMlopsMLNet();
        services.AddAzureBlobObjectStore(o => StorageFrom(configuration, o));
        services.AddOptions<BlobStoreOptions>().ValidateBy($"{AppSettings.StorageConnection} / {AppSettings.DataContainer}", o => o.Validate()).ValidateOnStart();
        services.AddAzureTableRecordStore(o => TablesFrom(configuration, o));
        services.AddOptions<TableStoreOptions>().ValidateBy($"{AppSettings.StorageConnection} / {AppSettings.StorageConnection}__tableServiceUri", o => o.Validate()).ValidateOnStart();
        services.AddOptions<EventGridPublisherOptions>().BindConfiguration(AppSettings.Events);
        if (configuration[$"{AppSettings.Events}:TopicEndpoint"] is { Length: > 0 })
        {
            services.AddEventGridPublisher();
        }
        else
        {
            // No topic: events go to events/{date}.jsonl in the data container (and the log), as in the embedded default.
            services.AddSingleton<IEventPublisher>(sp => new LocalEventPublisher(
                sp.GetRequiredService<IObjectStore>(), null, null, sp.GetRequiredService<ILogger<LocalEventPublisher>>()));
        }

        services.AddSingleton<DurablePipelineLauncher>();
        services.AddSingleton<IPipelineLauncher>(sp => sp.GetRequiredService<DurablePipelineLauncher>());
        services.AddRouting();
        services.AddMlopsHttp(o => o.CheckedByHost = true);
        services.AddOptions<ServiceInfoOptions>().Configure<IOptions<BlobStoreOptions>>((info, blob) =>
            (info.Host, info.StorageKind, info.StorageLocation) = ("Azure Functions", "Azure Blob Storage", StorageLocation(blob.Value)));
        services.AddSingleton<MlopsEndpoints>();
        // What endpoint metadata readers (the OpenAPI document, link generation) see: the API's endpoints, not the
        // worker's internal function endpoints. The worker's own routing matches on its route builder's data sources.
        services.AddSingleton<EndpointDataSource>(sp => new CompositeEndpointDataSource(sp.GetRequiredService<MlopsEndpoints>().DataSources));
        services.AddHostedService<PredictionLogWriterService>();
        return services;
    }

    /// <summary>The account endpoint and container the dashboard's health page shows; never the connection string.</summary>
    private static string StorageLocation(BlobStoreOptions blob) =>
        (blob.AccountUri is { } uri ? uri.GetLeftPart(UriPartial.Authority) : "connection string (local)") + "/" + blob.Container;

    /// <summary>
    /// The identity-based form (<c>MlopsStorage__blobServiceUri</c>, signed in with the managed identity named by
    /// AZURE_CLIENT_ID) in Azure; the connection-string form (<c>MlopsStorage</c>) only for local runs.
    /// </summary>
    private static void StorageFrom(IConfiguration configuration, BlobStoreOptions options)
    {
        var (connectionString, serviceUri) = ConnectionFrom(configuration, "blobServiceUri");
        (options.ConnectionString, options.AccountUri) = (connectionString ?? options.ConnectionString, serviceUri ?? options.AccountUri);

        options.Container = configuration[AppSettings.DataContainer] is { Length: > 0 } container ? container : BlobStoreOptions.DefaultContainer;
    }

    /// <summary>
    /// The same connection for the record store: <c>MlopsStorage__tableServiceUri</c> with the managed identity in Azure,
    /// the <c>MlopsStorage</c> connection string (Azurite's table endpoint) locally.
    /// </summary>
    private static void TablesFrom(IConfiguration configuration, TableStoreOptions options)
    {
        var (connectionString, serviceUri) = ConnectionFrom(configuration, "tableServiceUri");
        (options.ConnectionString, options.ServiceUri) = (connectionString ?? options.ConnectionString, serviceUri ?? options.ServiceUri);
    }

    /// <summary>The <c>MlopsStorage</c> connection string when set (local runs), else its <paramref name="serviceUriKey"/> endpoint.</summary>
    private static (string? ConnectionString, Uri? ServiceUri) ConnectionFrom(IConfiguration configuration, string serviceUriKey)
    {
        var section = configuration.GetSection(AppSettings.StorageConnection);
        return section.Value is { Length: > 0 } connectionString
            ? (connectionString, null)
            : (null, Uri.TryCreate(section[serviceUriKey], UriKind.Absolute, out var uri) ? uri : null);
    }
}
