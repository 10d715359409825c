using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlopsServerless.Azure.Events;
using MlopsServerless.Azure.Records;
using MlopsServerless.Azure.Storage;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Functions.Hosting;

namespace MlopsServerless.Functions.Tests;

/// <summary>The app's settings, read as the worker reads them (flat names and <c>Mlops__Section__Key</c>).</summary>
public sealed class FunctionsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMlopsFunctions_IdentityBasedStorage_UsesTheBlobServiceUriAndTheContainerSetting()
    {
        using var app = Build(new() { ["MlopsStorage:blobServiceUri"] = "https://data.blob.core.windows.net", ["MlopsStorage:credential"] = "managedidentity", ["MLOPS_DATA_CONTAINER"] = "training-data" });

        var options = app.GetRequiredService<IOptions<BlobStoreOptions>>().Value;

        Assert.Equal(new Uri("https://data.blob.core.windows.net"), options.AccountUri);
        Assert.Null(options.ConnectionString);
        Assert.Equal("training-data", options.Container);
    }

    [Fact]
    public void AddMlopsFunctions_IdentityBasedStorage_KeepsRecordsInTablesAtTheTableServiceUri()
    {
        using var app = Build(new()
        {
            ["MlopsStorage:blobServiceUri"] = "https://data.blob.core.windows.net",
            ["MlopsStorage:tableServiceUri"] = "https://data.table.core.windows.net",
            ["MlopsStorage:credential"] = "managedidentity",
        });

        var options = app.GetRequiredService<IOptions<TableStoreOptions>>().Value;

        Assert.Equal(new Uri("https://data.table.core.windows.net"), options.ServiceUri);
        Assert.Null(options.ConnectionString);
        Assert.IsType<TableRecordStore>(app.GetRequiredService<IRecordStore>());
    }

    [Fact]
    public void AddMlopsFunctions_ConnectionString_KeepsRecordsInItsTables()
    {
        using var app = Build(new() { ["MlopsStorage"] = "UseDevelopmentStorage=true" });

        var options = app.GetRequiredService<IOptions<TableStoreOptions>>().Value;

        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.Null(options.ServiceUri);
        Assert.IsType<TableRecordStore>(app.GetRequiredService<IRecordStore>());
    }

    [Fact]
    public void AddMlopsFunctions_IdentityBasedStorageWithoutTableServiceUri_FailsValidationNamingTheSetting()
    {
        using var app = Build(new() { ["MlopsStorage:blobServiceUri"] = "https://data.blob.core.windows.net", ["MlopsStorage:credential"] = "managedidentity" });

        var error = Assert.Throws<OptionsValidationException>(() => app.GetRequiredService<IOptions<TableStoreOptions>>().Value);

        Assert.Contains("MlopsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMlopsFunctions_BadContainerSetting_FailsValidationNamingTheSettings()
    {
        using var app = Build(new() { ["MlopsStorage"] = "UseDevelopmentStorage=true", ["MLOPS_DATA_CONTAINER"] = "Not_A_Container" });

        var error = Assert.Throws<OptionsValidationException>(() => app.GetRequiredService<IOptions<BlobStoreOptions>>().Value);

        Assert.Contains("MLOPS_DATA_CONTAINER", error.Message, StringComparison.Ordinal);
        Assert.Contains("Not_A_Container", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMlopsFunctions_TopicEndpointSet_PublishesToEventGrid()
    {
        using var app = Build(new() { ["MlopsStorage"] = "UseDevelopmentStorage=true", ["Mlops:Events:TopicEndpoint"] = "https://topic.westeurope-1.eventgrid.azure.net/api/events" });

        Assert.IsType<EventGridEventPublisher>(app.GetRequiredService<IEventPublisher>());
    }

    [Fact]
    public void AddMlopsFunctions_NoTopicEndpoint_WritesEventsToTheStore()
    {
        using var app = Build(new() { ["MlopsStorage"] = "UseDevelopmentStorage=true" });

        Assert.IsType<LocalEventPublisher>(app.GetRequiredService<IEventPublisher>());
    }

    [Fact]
    public async Task AddMlopsFunctions_MonitoringSettings_AreBoundAndThePredictionLogWriterRuns()
    {
        // Async disposal: the prediction log flushes on DisposeAsync.
        await using var app = Build(new() { ["MlopsStorage"] = "UseDevelopmentStorage=true", ["Mlops:Retraining:Enabled"] = "false", ["Mlops:PredictionLog:SamplingRate"] = "0.1" });

        Assert.False(app.GetRequiredService<IOptions<RetrainingOptions>>().Value.Enabled);
        Assert.Equal(0.1, app.GetRequiredService<IOptions<PredictionLogOptions>>().Value.SamplingRate);
        Assert.Contains(app.GetServices<IHostedService>(), s => s is PredictionLogWriterService);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        return services.AddMlopsFunctions(configuration).BuildServiceProvider();
    }
}
