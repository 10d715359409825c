using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.MLNet;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Cli.Hosting;

/// <summary>The embedded default: a local folder as the object store, a JSON Lines events log, the in-process pipeline engine.</summary>
internal static class LocalServices
{
    /// <summary>Registers the embedded default rooted at <paramref name="dataDir"/>.</summary>
    public static IServiceCollection AddEmbeddedDefault(this IServiceCollection services, string dataDir, Uri? webhook)
    {
        // Local traffic is small and the demo shows drift from a few hundred rows: log every request (production default 0.1).
        // Registered first, so a configured Mlops:PredictionLog:SamplingRate still wins.
        services.Configure<PredictionLogOptions>(o => o.SamplingRate = 1.0);
        services.AddOptions<DriftScheduleOptions>().BindConfiguration(LocalConfiguration.DriftSchedule)
            .Validate(o => o.IntervalMinutes > 0, "MLOPS_DRIFT_INTERVAL_MINUTES (Mlops:DriftSchedule:IntervalMinutes) must be a positive number of minutes.")
            .ValidateOnStart();
        services.AddSingleton<IObjectStore>(new FileSystemObjectStore(dataDir));
        // Folders starting with '.' are the file store's own, so the database never shows up as an object.
        services.AddSingleton<IRecordStore>(new SqliteRecordStore(Path.Combine(dataDir, ".metadata", "records.db")));
        services.AddHttpClient();
        services.AddSingleton<IEventPublisher>(sp => new LocalEventPublisher(
            sp.GetRequiredService<IObjectStore>(),
            webhook is null ? null : sp.GetRequiredService<IHttpClientFactory>().CreateClient("events"),
            webhook,
            sp.GetRequiredService<ILogger<LocalEventPublisher>>()));
        services.AddSingleton<BackgroundPipelineRunner>();
        services.AddSingleton<IPipelineLauncher>(sp => sp.GetRequiredService<BackgroundPipelineRunner>());
        services.AddMlopsCore();
        services.AddMlopsMLNet();
        return services;
    }

    /// <summary>A provider for one-shot commands (run, predict, models, ...), logging warnings and errors to stderr.</summary>
    public static ServiceProvider ForCommand(string dataDir, bool verbose = false)
    {
        var configuration = LocalConfiguration.Build();
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning));
        services.AddEmbeddedDefault(dataDir, LocalConfiguration.Webhook(configuration));
        return services.BuildServiceProvider();
    }
}
