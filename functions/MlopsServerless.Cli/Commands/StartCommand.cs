using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops start DATASET</c>: a training run for an existing dataset version and a config, with live progress.</summary>
internal static class StartCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var dataset = new Argument<string>("dataset") { Description = "The dataset to train on." };
        var version = new Option<string?>("--version") { Description = "Dataset version (default: the newest)." };
        var model = new Option<string?>("--model") { Description = "Model name to register under (default: the dataset's name)." };
        var config = new Option<FileInfo?>("--config") { Description = "Pipeline config JSON (candidates, search, seed, split, primaryMetric, promotion)." };
        var command = new Command("start", "Run the pipeline on a dataset version that already exists, with a config, showing each step.") { dataset, version, model, config };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            PipelineConfig? settings = null;
            if (parse.GetValue(config) is { } file)
            {
                try
                {
                    settings = MlopsJson.Deserialize<PipelineConfig>(await File.ReadAllBytesAsync(file.FullName, ct), "the config");
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or IOException or NotSupportedException)
                {
                    throw MlopsException.InvalidArgument($"--config {file.Name}: {e.Message}");
                }
            }

            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            var (run, created) = await services.GetRequiredService<PipelineService>()
                .StartAsync(parse.GetValue(dataset)!, parse.GetValue(version), parse.GetValue(model), settings, "cli", ct);
            Console.WriteLine($"pipeline    run {run.Id}{(created ? "" : " (exists already)")}");
            var finished = await LeasedRun.RunOrWaitAsync(services, run.Id, Console.Out, ct);
            Print.RunSummary(finished);
            return finished.Status == PipelineStatus.Completed ? 0 : 1;
        }));
        return command;
    }
}
