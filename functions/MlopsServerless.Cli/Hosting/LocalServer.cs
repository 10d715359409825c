using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning);
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(System.Net.IPAddress.Loopback, port);
            o.Limits.MaxRequestLineSize = 64 * 1024; // above the API's own URL limit, so a long URL gets problem details
        });
        var key = ApiKeys.LoadOrCreate(dataDir);
        builder.Services.AddEmbeddedDefault(dataDir, LocalServices.WebhookFromEnvironment());
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
        var app = builder.Build();
        app.UseMlopsHttp();
        app.MapMlopsApi();
        return app;
    }
}
