using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Monitoring;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Cli.Commands;

/// <summary>
/// <c>mlops bench</c>: the performance targets that live in issues, measured on this machine (never by unit tests).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure the engine against its performance targets.");

        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 10, Description = "Pipeline runs to measure." };
        var pipeline = new Command("pipeline", "Local engine overhead per step (target: under 50 ms).") { runs };
        pipeline.SetAction((parse, ct) => CommandRunner.RunAsync(() => PipelineOverheadAsync(parse.GetValue(runs), ct)));

        var rows = new Option<int>("--rows") { DefaultValueFactory = _ => 1_000_000, Description = "Logged rows." };
        var drift = new Command("drift", "A drift check over logged rows x 24 features (target: 1M rows under 2 s).") { rows };
        drift.SetAction(parse =>
        {
            var result = DriftBenchmarks.Run(parse.GetValue(rows));
            Console.WriteLine($"drift check: {result.Rows:N0} rows x {result.Features} features: {result.CompareMilliseconds:0} ms wall (best of 3), {result.CompareCpuMilliseconds:0} ms CPU; reference profile {result.ProfileMilliseconds:0} ms; {result.DriftedFeatures} features drifted; target < 2000 ms: {(result.CompareMilliseconds < 2000 ? "met" : "missed")}");
            return 0;
        });

        command.Subcommands.Add(pipeline);
        command.Subcommands.Add(drift);
        command.Subcommands.Add(LoggingBench.Create());
        command.Subcommands.Add(RecordsBench.Create());
        return command;
    }

    /// <summary>
    /// Runs small sequential pipelines (one candidate, one step at a time) and reports, per step, the wall time the
    /// engine spent beyond the step's own work: checkpoint and run-record writes, serialization, scheduling.
    /// </summary>
    private static async Task<int> PipelineOverheadAsync(int runs, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mlops-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var services = LocalServices.ForCommand(dir);
            var store = services.GetRequiredService<IObjectStore>();
            await store.PutAsync("incoming/bench/data.csv", Encoding.UTF8.GetBytes(ChurnSample.Generate(1000, 1)), WriteCondition.None, cancellationToken);
            var (outcome, _) = await services.GetRequiredService<Core.Ingestion.UploadProcessor>().ProcessAsync("incoming/bench/data.csv", ChurnSample.Label, cancellationToken);
            var pipelines = services.GetRequiredService<PipelineService>();
            var engine = services.GetRequiredService<LocalPipelineEngine>();
            var perStep = new List<double>();
            for (var i = 0; i <= runs; i++)
            {
                var config = new PipelineConfig(Candidates: [new CandidateSpec("logreg", new Dictionary<string, string>())], Seed: 100 + i, MaxParallelCandidates: 1);
                var (run, _) = await pipelines.StartAsync("bench", outcome.Version!.Version, "bench", config, "bench", cancellationToken);
                var watch = Stopwatch.StartNew();
                var done = await engine.RunAsync(run.Id, null, cancellationToken);
                var wall = watch.Elapsed.TotalMilliseconds;
                var own = done.Steps.Sum(s => s.Seconds) * 1000;
                if (i > 0)
                {
                    perStep.Add((wall - own) / done.Steps.Count);
                }
            }

            perStep.Sort();
            var median = perStep[perStep.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"local engine overhead per step over {runs} runs (after one warm-up): median {median:0.0} ms, max {perStep[^1]:0.0} ms; target < 50 ms: {(perStep[^1] < 50 ? "met" : "missed")}"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
