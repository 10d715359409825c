using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops runs retry ID</c>: a failed run again, as a new run linked to it, with live progress.</summary>
internal static class RunsRetryCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var id = new Argument<string>("id") { Description = "The failed run to retry." };
        var command = new Command("retry", "Retry a failed run as a new run (same dataset version, model and config), showing each step.") { id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            var (run, created) = await services.GetRequiredService<PipelineService>().RetryAsync(parse.GetValue(id)!, "cli:retry", ct);
            Console.WriteLine($"pipeline    run {run.Id}, retry of {run.RetryOf}{(created ? "" : " (exists already)")}");
            var finished = await LeasedRun.RunOrWaitAsync(services, run.Id, Console.Out, ct);
            Print.RunSummary(finished);
            return finished.Status == PipelineStatus.Completed ? 0 : 1;
        }));
        return command;
    }
}
