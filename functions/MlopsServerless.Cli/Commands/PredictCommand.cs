using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Prediction;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops predict MODEL --input JSON</c>: predictions in process, exactly as the API would answer.</summary>
internal static class PredictCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var model = new Argument<string>("model") { Description = "Model name." };
        var input = new Option<string>("--input") { Description = "A JSON object of features, an array of them, or @file.json.", Required = true };
        var version = new Option<int?>("--version") { Description = "A version other than Production." };
        var alias = new Option<string?>("--alias") { Description = "An alias (for example champion) instead of Production." };
        var command = new Command("predict", "Predict with a registered model (Production unless --version or --alias).") { model, input, version, alias };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var text = parse.GetValue(input)!;
            if (text.StartsWith('@'))
            {
                text = await File.ReadAllTextAsync(text[1..], ct);
            }

            JsonElement body;
            try
            {
                body = JsonSerializer.Deserialize<JsonElement>(text);
            }
            catch (JsonException e)
            {
                throw MlopsException.InvalidArgument($"--input is not valid JSON: {e.Message}");
            }

            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            var answer = await services.GetRequiredService<PredictionService>()
                .PredictAsync(parse.GetValue(model)!, new ModelSelector(parse.GetValue(version), parse.GetValue(alias)), body, ct);
            Print.Json(answer);
            return 0;
        }));
        return command;
    }
}
