using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Http;
using MlopsServerless.Http.Health;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// <c>mlops serve</c>: the HTTP API and the dashboard on 127.0.0.1 (the same handlers the Functions app maps), the upload watcher and
/// the background pipeline runner, all on the embedded default.
/// </summary>
internal static class LocalServer
{
    public static WebApplication Build(string dataDir, int port, bool watch, LogLevel logLevel, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning)
            // While this category is enabled at all, ASP.NET Core starts an Activity and a logging scope for every request. It logs
            // request start/finish (below Warning) and startup failures, which reach the caller anyway as the exception StartAsync throws.
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(System.Net.IPAddress.Loopback, port);
            o.Limits.MaxRequestLineSize = 64 * 1024; // above the API's own URL limit, so a long URL gets problem details
        });
        builder.Configuration.AddMlopsEnvironment();
        var key = ApiKeys.LoadOrCreate(dataDir, builder.Configuration);
        builder.Services.AddEmbeddedDefault(dataDir, LocalConfiguration.Webhook(builder.Configuration));
        builder.Services.AddMlopsHttp(o => o.Keys = [key]);
        builder.Services.Configure<ServiceInfoOptions>(o => (o.Host, o.StorageKind, o.StorageLocation) = ("mlops serve", "local folder", Path.GetFullPath(dataDir)));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BackgroundPipelineRunner>());
        builder.Services.AddHostedService<PredictionLogWriterService>();
        if (watch)
        {
            builder.Services.AddHostedService<UploadWatcher>();
            builder.Services.AddHostedService<DriftCheckSchedule>();
        }

        configure?.Invoke(builder.Services);
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        var app = builder.Build();
        app.UseMlopsHttp();
        app.MapMlopsApi();
        return app;
    }

    /// <summary>
    /// Starts <paramref name="app"/>, calls <paramref name="started"/>, and waits until it shuts down. Returns 0 for an
    /// ordinary stop (Ctrl+C) and 1 when a background service failed and stopped the host, while starting or later,
    /// saying which on stderr: a crash never looks like success.
    /// </summary>
    public static async Task<int> RunAsync(WebApplication app, Action started, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            started();
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A background service failed while the host was starting, and its stop cancelled the start.
        }

        var failed = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true });
        if (failed is null)
        {
            return 0;
        }

        var error = failed.ExecuteTask!.Exception!.GetBaseException();
        await Console.Error.WriteLineAsync($"mlops serve stopped because {failed.GetType().Name} failed: {error.GetType().Name}: {error.Message}").ConfigureAwait(false);
        return 1;
    }
}
