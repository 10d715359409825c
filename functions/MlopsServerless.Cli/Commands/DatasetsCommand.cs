using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops datasets</c>: datasets and their versions.</summary>
internal static class DatasetsCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var name = new Argument<string?>("name") { Description = "A dataset to show the versions of.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("datasets", "List datasets, or the versions of one.") { name };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            var tables = services.GetRequiredService<DatasetTables>();
            var names = parse.GetValue(name) is { } one ? [one] : await tables.DatasetsAsync(ct);
            if (names.Count == 0)
            {
                Console.WriteLine("no datasets yet: drop a CSV into incoming/{dataset}/ or run ./mlops run FILE");
            }

            foreach (var dataset in names)
            {
                foreach (var v in await tables.VersionsAsync(dataset, ct))
                {
                    Console.WriteLine($"{v.Dataset,-16} {v.Version}  {v.RowCount,8} rows  {v.Columns.Count,3} cols  label {v.Label,-12} {v.CreatedAt:u}  from {v.Source}");
                }
            }

            return 0;
        }));
        return command;
    }
}
