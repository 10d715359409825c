using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops datasets</c>: datasets, their versions and rejected uploads; <c>mlops datasets contract</c>: what uploads must satisfy.</summary>
internal static class DatasetsCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var name = new Argument<string?>("name") { Description = "A dataset to show the versions and rejected uploads of (as named in incoming/).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("datasets", "List datasets, or the versions and rejected uploads of one.") { name };
        command.Subcommands.Add(ContractCommand(dataDir));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            if (parse.GetValue(name) is { } one)
            {
                return await ShowAsync(services, one, ct);
            }

            var tables = services.GetRequiredService<DatasetTables>();
            var quarantine = services.GetRequiredService<QuarantineEntries>();
            var names = (await tables.DatasetsAsync(ct)).Union(await quarantine.DatasetsAsync(ct)).Order(StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                Console.WriteLine("no datasets yet: drop a CSV into incoming/{dataset}/ or run ./mlops run FILE");
            }

            foreach (var dataset in names)
            {
                var versions = await tables.VersionsAsync(dataset, ct);
                var rejected = await quarantine.ListAsync(dataset, ct);
                var shown = (versions.Count > 0 ? versions[^1].DatasetName : null) ?? (rejected.Count > 0 ? rejected[0].DatasetName : null) ?? dataset;
                Console.WriteLine($"{shown,-24} {versions.Count,3} version(s)  {rejected.Count,3} rejected upload(s){(shown != dataset ? $"  (stored as {dataset})" : "")}");
            }

            return 0;
        }));
        return command;
    }

    private static async Task<int> ShowAsync(IServiceProvider services, string given, CancellationToken ct)
    {
        var dataset = ObjectKey.SafeName(given);
        var versions = await services.GetRequiredService<DatasetTables>().VersionsAsync(dataset, ct);
        var rejected = await services.GetRequiredService<QuarantineEntries>().ListAsync(dataset, ct);
        var contract = await services.GetRequiredService<DatasetContracts>().GetAsync(dataset, ct);
        if (versions.Count == 0 && rejected.Count == 0 && contract is null)
        {
            throw MlopsException.NotFound($"There is no dataset '{given}': nothing was uploaded to incoming/{given}/ yet.");
        }

        Console.WriteLine($"dataset {given}{(dataset != given ? $" (stored as {dataset})" : "")}: label '{(contract ?? new DatasetContract()).Label}'{(contract is null ? " (default; set it with ./mlops datasets contract)" : "")}");
        foreach (var v in versions)
        {
            Console.WriteLine($"  version {v.Version}  {v.RowCount,8} rows  {v.Columns.Count,3} cols  label {v.Label,-12} {v.CreatedAt:u}  from {v.Source}");
        }

        foreach (var r in rejected)
        {
            Console.WriteLine($"  rejected {r.Id}  {r.ReceivedAt:u}  {r.FileName ?? r.Source}  (kept at {r.QuarantinedFile})");
            foreach (var p in r.Problems)
            {
                Console.WriteLine($"    [{p.Code}] {(p.Line > 0 ? $"line {p.Line}: " : "")}{p.Message}");
            }
        }

        return 0;
    }

    private static Command ContractCommand(Option<string> dataDir)
    {
        var name = new Argument<string>("name") { Description = "The dataset (as named in incoming/)." };
        var label = new Option<string?>("--label") { Description = "The column the models predict." };
        var minRows = new Option<int?>("--min-rows") { Description = "Fewest data rows an upload may have (default 20)." };
        var command = new Command("contract", "Show or set what a dataset's uploads must satisfy: the label column and the fewest rows.") { name, label, minRows };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            var contracts = services.GetRequiredService<DatasetContracts>();
            var given = parse.GetValue(name)!;
            var dataset = ObjectKey.SafeName(given);
            var current = await contracts.GetAsync(dataset, ct);
            if (parse.GetValue(label) is null && parse.GetValue(minRows) is null)
            {
                Print.Json(current ?? new DatasetContract());
                return 0;
            }

            var wanted = current ?? new DatasetContract();
            wanted = wanted with { Label = parse.GetValue(label) ?? wanted.Label, MinRows = parse.GetValue(minRows) ?? wanted.MinRows };
            await contracts.SetAsync(dataset, wanted, ct);
            Console.WriteLine($"dataset {given}: label '{wanted.Label}', at least {wanted.MinRows} rows. Files dropped into incoming/{given}/ are checked against it from now on.");
            return 0;
        }));
        return command;
    }
}
