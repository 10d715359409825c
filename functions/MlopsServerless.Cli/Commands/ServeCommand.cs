using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using MlopsServerless.Cli.Hosting;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops serve</c>: the local server (HTTP API, upload watcher, pipeline runner) until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1.", DefaultValueFactory = _ => 5080 };
        var noWatch = new Option<bool>("--no-watch") { Description = "Do not ingest files dropped into incoming/." };
        var command = new Command("serve", "Run the HTTP API on 127.0.0.1, ingest files dropped into incoming/ and run their pipelines.") { port, noWatch };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var dir = parse.GetValue(dataDir)!;
            await using var app = LocalServer.Build(dir, parse.GetValue(port), !parse.GetValue(noWatch), LogLevel.Information);
            return await LocalServer.RunAsync(app, () =>
            {
                Console.WriteLine($"mlops serve: http://127.0.0.1:{parse.GetValue(port)}/api (data: {Path.GetFullPath(dir)})");
                Console.WriteLine($"  dashboard: http://127.0.0.1:{parse.GetValue(port)}/ (sign in with the API key)");
                Console.WriteLine($"  API key: in {ApiKeys.FilePath(dir)} (send it as x-functions-key); GET /api/health needs none");
                Console.WriteLine($"  drop CSV files into {Path.Combine(Path.GetFullPath(dir), "incoming", "<dataset>")}/ to version and train them");
            }, ct);
        }));
        return command;
    }
}
