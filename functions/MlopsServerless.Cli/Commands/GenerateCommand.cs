using System.CommandLine;
using MlopsServerless.Core.Samples;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops generate FILE</c>: writes the seeded churn sample, optionally drifted.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the CSV." };
        var rows = new Option<int>("--rows") { DefaultValueFactory = _ => 5000, Description = "Rows." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 7, Description = "Seed; the same seed gives the same file." };
        var shift = new Option<double>("--shift") { DefaultValueFactory = _ => 0, Description = "0 = training population; up to 1 = drifted customers." };
        var command = new Command("generate", "Write the seeded sample churn dataset to a CSV file.") { file, rows, seed, shift };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            await File.WriteAllTextAsync(path.FullName, ChurnSample.Generate(parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(shift)), ct);
            Console.WriteLine($"wrote {path.FullName}");
            return 0;
        });
        return command;
    }
}
