using System.CommandLine;
using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Holdout;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops train FILE --label COL --algorithm A</c>: train and score on a held-out split, nothing registered.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV to train on." };
        var label = new Option<string>("--label") { Description = "The label column.", Required = true };
        var algorithm = new Option<string>("--algorithm") { Description = $"One of: {string.Join(", ", TrainerCatalog.All.Select(r => r.Name))}.", Required = true };
        var set = new Option<string[]>("--set") { Description = "A hyperparameter as name=value; repeat for more.", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<int>("--seed") { Description = "Seed.", DefaultValueFactory = _ => 42 };
        var split = new Option<string>("--test-split") { Description = "Held-out rows: last:F (last fraction F of rows) or random:F.", DefaultValueFactory = _ => "last:0.2" };
        var task = new Option<ModelTask?>("--task") { Description = "Override the detected task." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("train", "Train one algorithm on a CSV and report test-split metrics and timings (nothing is registered).")
        {
            file, label, algorithm, set, seed, split, task, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw MlopsException.InvalidArgument($"There is no file '{path.FullName}'.");
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var at = pair.IndexOf('=');
                if (at <= 0)
                {
                    throw MlopsException.InvalidArgument($"--set '{pair}' is not name=value.");
                }

                parameters[pair[..at].Trim()] = pair[(at + 1)..].Trim();
            }

            var result = await HoldoutTrainer.RunAsync(() => path.OpenRead(), parse.GetValue(label)!, parse.GetValue(algorithm)!, parameters,
                parse.GetValue(seed), TestSplitSpec.Parse(parse.GetValue(split)!), parse.GetValue(task), ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result));
            }
            else
            {
                Console.WriteLine($"{result.Algorithm} ({result.Task}) on {result.TrainRows} rows, tested on {result.TestRows}: train {result.TrainSeconds:0.###} s, predict {result.PredictMicrosecondsPerRow:0.###} us/row");
                Console.WriteLine("  " + Print.Metrics(result.Metrics));
            }

            return 0;
        }));
        return command;
    }
}
