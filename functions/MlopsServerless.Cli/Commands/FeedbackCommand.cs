using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Monitoring.Feedback;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops feedback MODEL --prediction-id ID --label L</c>: records the true label of a logged prediction.</summary>
internal static class FeedbackCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var model = new Argument<string>("model") { Description = "Model name." };
        var id = new Option<string>("--prediction-id") { Description = "The predictionId a predict call returned.", Required = true };
        var label = new Option<string>("--label") { Description = "The true class (or value, for regression).", Required = true };
        var command = new Command("feedback", "Record the true label of a logged prediction (ground truth for live metrics).") { model, id, label };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var text = parse.GetValue(label)!;
            object value = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
            var body = JsonSerializer.SerializeToElement(new { predictionId = parse.GetValue(id), label = value });
            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            Print.Json(await services.GetRequiredService<FeedbackStore>().RecordAsync(parse.GetValue(model)!, body, ct));
            return 0;
        }));
        return command;
    }
}
