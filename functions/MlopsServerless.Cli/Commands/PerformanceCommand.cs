using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Monitoring.Feedback;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops performance MODEL</c>: live metrics from ground truth next to the test metrics, as JSON; exit code 2 when a metric dropped beyond the threshold.</summary>
internal static class PerformanceCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var model = new Argument<string>("model") { Description = "Model name." };
        var command = new Command("performance", "Live metrics over the last 7 days of labelled predictions, compared with each version's test metrics.") { model };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            var report = await services.GetRequiredService<LivePerformance>().EvaluateAsync(parse.GetValue(model)!, ct);
            Print.Json(report);
            return report.Degraded ? 2 : 0;
        }));
        return command;
    }
}
