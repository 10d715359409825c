using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;
using MlopsServerless.MLNet;

namespace MlopsServerless.Cli.Hosting;

/// <summary>The embedded default: a local folder as the object store, a JSON Lines events log, the in-process pipeline engine.</summary>
internal static class LocalServices
{
    /// <summary>Registers the embedded default rooted at <paramref name="dataDir"/>.</summary>
    public static IServiceCollection AddEmbeddedDefault(this IServiceCollection services, string dataDir, Uri? webhook)
    {
        services.AddSingleton<IObjectStore>(new FileSystemObjectStore(dataDir));
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
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning));
        services.AddEmbeddedDefault(dataDir, WebhookFromEnvironment());
        return services.BuildServiceProvider();
    }

    /// <summary>MLOPS_EVENTS_WEBHOOK, when set: where local events are also POSTed.</summary>
    public static Uri? WebhookFromEnvironment() =>
        Uri.TryCreate(Environment.GetEnvironmentVariable("MLOPS_EVENTS_WEBHOOK"), UriKind.Absolute, out var uri) ? uri : null;
}
