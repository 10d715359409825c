using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops runs</c>: pipeline runs, newest first, or one run in full; <c>mlops runs retry ID</c> retries a failed one.</summary>
internal static class RunsCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var id = new Argument<string?>("id") { Description = "A run to show in full.", Arity = ArgumentArity.ZeroOrOne };
        var dataset = new Option<string?>("--dataset") { Description = "Only runs of this dataset." };
        var status = new Option<PipelineStatus?>("--status") { Description = "Only runs with this status." };
        var json = new Option<bool>("--json") { Description = "Print the run records as JSON." };
        var pageSize = new Option<int>("--page-size") { DefaultValueFactory = _ => 50, Description = "Runs per page (1-500)." };
        var pageToken = new Option<string?>("--page-token") { Description = "Where the previous page said the next one starts." };
        var command = new Command("runs", "List pipeline runs (newest first) or show one; 'runs retry ID' retries a failed run.") { id, dataset, status, json, pageSize, pageToken };
        command.Subcommands.Add(RunsRetryCommand.Create(dataDir));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            var runs = services.GetRequiredService<RunStore>();
            if (parse.GetValue(id) is { } one)
            {
                var run = await runs.GetRequiredAsync(one, ct);
                if (parse.GetValue(json))
                {
                    Print.Json(run);
                }
                else
                {
                    Print.RunSummary(run);
                    foreach (var step in run.Steps)
                    {
                        Console.WriteLine($"  step {step.Sequence,2} {step.Step,-18} {step.Seconds,8:0.000} s  attempts {step.Attempts}");
                    }
                }

                return 0;
            }

            var page = await runs.ListAsync(parse.GetValue(dataset), parse.GetValue(status), parse.GetValue(pageSize), parse.GetValue(pageToken), ct);
            if (parse.GetValue(json))
            {
                Print.Json(page);
                return 0;
            }

            foreach (var run in page.Runs)
            {
                Console.WriteLine($"{run.Id,-40} {run.Status,-10} {run.CreatedAt:u}  model {run.Model}{(run.Registered is { } r ? $" v{r.Version} ({r.Stage})" : "")}{(run.Error is { } e ? "  error: " + e : "")}");
            }

            if (page.NextPageToken is { } next)
            {
                Console.WriteLine($"more runs: add --page-token {next}");
            }

            return 0;
        }));
        return command;
    }
}
