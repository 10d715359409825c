using System.CommandLine;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Sqlite;
using MlopsServerless.Http.Security;

namespace MlopsServerless.Cli.Commands;

/// <summary>
/// <c>mlops demo</c>: the main job end to end on the embedded default. Generates a churn dataset, uploads it, versions,
/// validates, trains, evaluates, registers and promotes, then asks the local HTTP API for predictions. Running it again
/// reuses the same dataset version and run, and registers nothing new.
/// </summary>
internal static class DemoCommand
{
    private const string Dataset = "churn";

    public static Command Create(Option<string> dataDir)
    {
        var rows = new Option<int>("--rows") { Description = "Rows of the generated dataset.", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated dataset.", DefaultValueFactory = _ => 7 };
        var command = new Command("demo", "Run the whole loop on a generated churn dataset: upload, version, validate, train, evaluate, register, serve.") { rows, seed };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => RunAsync(parse.GetValue(dataDir)!, parse.GetValue(rows), parse.GetValue(seed), ct)));
        return command;
    }

    private static async Task<int> RunAsync(string dataDir, int rows, int seed, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(dataDir);
        Console.WriteLine($"mlops demo — embedded default in {root}");
        Console.WriteLine($"sample      {rows} customers of a subscription business, label '{ChurnSample.Label}' (seed {seed})");
        var csv = Encoding.UTF8.GetBytes(ChurnSample.Generate(rows, seed));

        await using var services = LocalServices.ForCommand(dataDir);
        var (_, run) = await UploadAndTrain.RunAsync(services, new MemoryStream(csv), Dataset, "customers.csv", ChurnSample.Label, Console.Out, cancellationToken);
        if (run is null || run.Status != PipelineStatus.Completed || run.Registered is null)
        {
            if (run is not null)
            {
                Print.RunSummary(run);
            }

            return 1;
        }

        Print.RunSummary(run);
        await PredictOverHttpAsync(dataDir, run.Registered.Model, seed, cancellationToken);
        await ShowWhereAsync(services.GetRequiredService<IObjectStore>(), services.GetRequiredService<IRecordStore>(), root, cancellationToken);
        var serve = Path.GetFullPath(".mlops") == root ? "./mlops serve" : $"./mlops serve --data-dir {dataDir}";
        Console.WriteLine($"Dashboard: run {serve}, then open http://127.0.0.1:5080/ and sign in with the key in {ApiKeys.FilePath(dataDir)}");
        return 0;
    }

    private static async Task PredictOverHttpAsync(string dataDir, string model, int seed, CancellationToken cancellationToken)
    {
        await using var app = LocalServer.Build(dataDir, port: 0, watch: false, LogLevel.Warning);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Add(ApiKeyFilter.FunctionsKeyHeader, ApiKeys.LoadOrCreate(dataDir));
        Console.WriteLine($"serving     {address}/api (the same endpoints as mlops serve)");

        var customers = ChurnSample.Customers(3, seed + 1);
        using var response = await http.PostAsJsonAsync($"/api/models/{model}/predict", customers, MlopsJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<PredictionResponse>(MlopsJson.Options, cancellationToken);
        Console.WriteLine($"POST /api/models/{model}/predict (3 new customers) -> model version {answer!.Version} ({answer.Stage})");
        for (var i = 0; i < answer.Predictions.Count; i++)
        {
            var p = answer.Predictions[i];
            var c = customers[i];
            Console.WriteLine($"  {c["contract"],-15} tenure {c["tenure_months"],3} mo, {c["support_calls"]} support calls -> churned={p.Label} (p={p.Probabilities![p.Label!]:0.000})");
        }

        using var bad = await http.PostAsync($"/api/models/{model}/predict", new StringContent("{\"tenure_months\": \"ten\"}", Encoding.UTF8, "application/json"), cancellationToken);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Console.WriteLine($"  a malformed request is refused: {(int)bad.StatusCode} {problem.GetProperty("detail").GetString()}");
        await app.StopAsync(cancellationToken);
    }

    private static async Task ShowWhereAsync(IObjectStore store, IRecordStore records, string root, CancellationToken cancellationToken)
    {
        Console.WriteLine($"written to  {root}");
        var items = await store.ListAllAsync("", cancellationToken);
        foreach (var group in items.GroupBy(i => i.Key.Split('/')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var sample = group.Select(i => i.Key).Where(k => k.EndsWith("manifest.json", StringComparison.Ordinal)
                || k.EndsWith("model.json", StringComparison.Ordinal) || k.StartsWith("events/", StringComparison.Ordinal)).Take(3);
            Console.WriteLine($"  {group.Key + "/",-12} {group.Count(),4} files  {string.Join("  ", sample)}");
        }

        if (records is SqliteRecordStore sqlite)
        {
            Console.WriteLine($"  {"records",-12} {Path.GetRelativePath(root, sqlite.Path)}  (registry, audit, runs, dataset and quarantine indexes, leases: SQLite)");
        }

        Console.WriteLine("next        ./mlops serve   (then POST /api/models/churn/predict with the key in .mlops/.secrets/api-key)");
    }
}
