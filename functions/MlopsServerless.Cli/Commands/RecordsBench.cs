using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Commands;

/// <summary>
/// <c>mlops bench records</c> (issue 15): the metadata queries that must not slow down as history grows, on the embedded
/// default. Fills a scratch data directory with <c>--runs</c> run records and <c>--versions</c> versions of one model
/// (a real trained model, its files registered again under new run ids, every 50th promoted), then times, one call at a
/// time after a warm-up: a page of 50 runs filtered by status, resolving the model's Production version the way serving
/// does, and recording one feedback label for a logged prediction.
/// </summary>
internal static class RecordsBench
{
    private const int PageSize = 50;

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 10_000, Description = "Run records in the history." };
        var versions = new Option<int>("--versions") { DefaultValueFactory = _ => 1_000, Description = "Versions of the benchmarked model." };
        var samples = new Option<int>("--samples") { DefaultValueFactory = _ => 200, Description = "Timed calls per query." };
        var command = new Command("records", "Metadata queries against a long history (target: each under 20 ms p50, independent of history size).") { runs, versions, samples };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => RunAsync(parse.GetValue(runs), parse.GetValue(versions), parse.GetValue(samples), ct)));
        return command;
    }

    private static async Task<int> RunAsync(int runCount, int versionCount, int samples, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mlops-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var services = LocalServices.ForCommand(dir);
            var fill = Stopwatch.StartNew();
            var (_, trained) = await UploadAndTrain.RunAsync(services, new MemoryStream(Encoding.UTF8.GetBytes(ChurnSample.Generate(2000, 7))),
                "churn", "customers.csv", ChurnSample.Label, TextWriter.Null, cancellationToken);
            if (trained?.Registered is null)
            {
                await Console.Error.WriteLineAsync("bench: training the sample failed").ConfigureAwait(false);
                return 1;
            }

            var model = trained.Model;
            await AddVersionsAsync(services, trained, versionCount, cancellationToken);
            await AddRunsAsync(services.GetRequiredService<RunStore>(), trained, runCount, cancellationToken);
            var ids = await LogPredictionsAsync(services, model, samples + 10, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history: {runCount:N0} runs, {versionCount:N0} versions of '{model}' (filled in {fill.Elapsed.TotalSeconds:0} s); {samples} timed calls each after 10 warm-up calls"));

            var runs = services.GetRequiredService<RunStore>();
            var registry = services.GetRequiredService<ModelRegistry>();
            var feedback = services.GetRequiredService<FeedbackStore>();
            var listed = 0;
            Report("list a page of runs by status", await TimeAsync(samples, async _ =>
            {
                listed = (await runs.ListAsync(null, PipelineStatus.Failed, PageSize, null, cancellationToken)).Runs.Count;
            }));
            Report("read the Production version", await TimeAsync(samples, async _ =>
                await ModelSelector.Production.ResolveAsync(registry, model, cancellationToken)));
            Report("record feedback", await TimeAsync(samples, async i =>
            {
                using var body = JsonDocument.Parse($$"""{"predictionId":"{{ids[i]}}","label":"yes"}""");
                await feedback.RecordAsync(model, body.RootElement, cancellationToken);
            }));
            Console.WriteLine($"(each run page held {listed} runs)");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task AddVersionsAsync(IServiceProvider services, PipelineRun trained, int versionCount, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<ModelRegistry>();
        var store = services.GetRequiredService<IObjectStore>();
        var registered = trained.Registered!;
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        var prefix = StorageLayout.ModelVersionPrefix(trained.Model, registered.Version);
        await foreach (var item in store.ListAsync(prefix, cancellationToken))
        {
            files[item.Key[prefix.Length..]] = (await store.GetAsync(item.Key, cancellationToken))!.Content;
        }

        var metrics = new Dictionary<string, double>(trained.Evaluation?.CandidateMetrics ?? new Dictionary<string, double>());
        for (var i = 2; i <= versionCount; i++)
        {
            var draft = new ModelVersionDraft($"bench-{i}", trained.Dataset, trained.DatasetVersion, "logreg", metrics, files);
            var version = await registry.RegisterAsync(trained.Model, draft, cancellationToken);
            if (i % 50 == 0)
            {
                await registry.SetStageAsync(trained.Model, version.Version, Stage.Production, "bench", "bench history", cancellationToken);
            }
        }
    }

    private static async Task AddRunsAsync(RunStore runs, PipelineRun template, int runCount, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        for (var i = 0; i < runCount; i++)
        {
            // One run in ten failed, one in twenty still running: a filtered page must look past most of the history.
            var status = i % 10 == 3 ? PipelineStatus.Failed : i % 20 == 7 ? PipelineStatus.Running : PipelineStatus.Completed;
            var created = start.AddMinutes(i * 4);
            var run = new PipelineRun($"bench-run-{i:D6}", template.Dataset, template.DatasetVersion, template.Model, template.Config, status,
                created, created.AddMinutes(2), template.CodeVersion, "bench") { Steps = template.Steps, Candidates = template.Candidates, Evaluation = template.Evaluation };
            await runs.CreateAsync(run, cancellationToken);
        }
    }

    private static async Task<string[]> LogPredictionsAsync(IServiceProvider services, string model, int count, CancellationToken cancellationToken)
    {
        var predictions = services.GetRequiredService<PredictionService>();
        var log = services.GetRequiredService<PredictionLog>();
        var ids = new string[count];
        var customers = ChurnSample.Customers(100, 3);
        for (var i = 0; i < count; i++)
        {
            using var body = JsonDocument.Parse(JsonSerializer.Serialize(customers[i % customers.Count]));
            var response = await predictions.PredictAsync(model, ModelSelector.Production, body.RootElement, cancellationToken);
            ids[i] = response.Predictions[0].PredictionId!;
        }

        await log.FlushAsync(cancellationToken);
        return ids;
    }

    private static async Task<(double P50, double P99)> TimeAsync(int samples, Func<int, Task> call)
    {
        for (var i = 0; i < 10; i++)
        {
            await call(samples + i);
        }

        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.GetTimestamp();
            await call(i);
            times[i] = Stopwatch.GetElapsedTime(watch).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[samples / 2], times[Math.Min(samples - 1, (int)(samples * 0.99))]);
    }

    private static void Report(string what, (double P50, double P99) time) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-34} p50 {time.P50,9:0.00} ms   p99 {time.P99,9:0.00} ms   target p50 < 20 ms: {(time.P50 < 20 ? "met" : "missed")}"));
}
