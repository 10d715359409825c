using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Http;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// <c>mlops serve</c>: the HTTP API on 127.0.0.1 (the same handlers the Functions app maps), the upload watcher and
/// the background pipeline runner, all on the embedded default.
/// </summary>
internal static class LocalServer
{
    public static WebApplication Build(string dataDir, int port, bool watch, LogLevel logLevel, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        builder.Configuration.AddMlopsEnvironment();
        var key = ApiKeys.LoadOrCreate(dataDir, builder.Configuration);
        builder.Services.AddEmbeddedDefault(dataDir, LocalConfiguration.Webhook(builder.Configuration));
        builder.Services.AddMlopsHttp(o => o.Keys = [key]);
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BackgroundPipelineRunner>());
        builder.Services.AddHostedService<PredictionLogWriterService>();
        if (watch)
        {
            builder.Services.AddHostedService<UploadWatcher>();
            builder.Services.AddHostedService<DriftCheckSchedule>();
        }

        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapMlopsApi();
        return app;
    }
}
