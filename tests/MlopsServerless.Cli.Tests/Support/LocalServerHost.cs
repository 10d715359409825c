using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using MlopsServerless.Cli.Hosting;

namespace MlopsServerless.Cli.Tests.Support;

/// <summary><c>mlops serve</c>'s app (no watcher) on a free 127.0.0.1 port over a fresh data directory, with a client that sends the API key.</summary>
public sealed class LocalServerHost : IAsyncDisposable
{
    private readonly TempDataDir _data;

    private LocalServerHost(WebApplication app, TempDataDir data, HttpClient http) => (App, _data, Http) = (app, data, http);

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string DataPath => _data.Path;

    public static async Task<LocalServerHost> StartAsync()
    {
        var data = new TempDataDir();
        var app = LocalServer.Build(data.Path, port: 0, watch: false, LogLevel.Warning);
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("x-functions-key", ApiKeys.LoadOrCreate(data.Path));
        return new LocalServerHost(app, data, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
