using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring;
using MlopsServerless.Core.Monitoring.Checks;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops drift compare REFERENCE.csv CURRENT.csv</c>: per-feature drift between two files and a verdict.</summary>
internal static class DriftCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var command = new Command("drift", "Drift between data sets.");
        var reference = new Argument<FileInfo>("reference") { Description = "The reference CSV (for example the training data)." };
        var current = new Argument<FileInfo>("current") { Description = "The current CSV (for example recent inputs)." };
        var label = new Option<string[]>("--exclude") { Description = "Columns not to compare (for example the label); repeat for more." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var compare = new Command("compare", "Compare two CSV files feature by feature (PSI, KS, chi-square, Jensen-Shannon, Wasserstein).")
        {
            reference, current, label, json,
        };
        compare.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var referenceStream = Open(parse.GetValue(reference)!);
            await using var currentStream = Open(parse.GetValue(current)!);
            var policy = new DriftPolicy { ExcludedColumns = (parse.GetValue(label) ?? []).ToHashSet(StringComparer.Ordinal) };
            var report = await DriftAnalyzer.CompareCsvAsync(referenceStream, currentStream, policy, ct);
            if (parse.GetValue(json))
            {
                await WriteJsonAsync(report, ct);
                return 0;
            }

            PrintReport(report);
            return 0;
        }));
        command.Subcommands.Add(compare);

        var model = new Argument<string>("model") { Description = "The model whose Production version to check." };
        var checkJson = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var check = new Command("check", "Compare the model's logged predictions with its training profile; store the report; trigger retraining on drift.") { model, checkJson };
        check.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            var result = await services.GetRequiredService<DriftMonitor>().CheckAsync(parse.GetValue(model)!, ct);
            if (parse.GetValue(checkJson))
            {
                await WriteJsonAsync(result.Report, ct);
                return 0;
            }

            PrintReport(result.Report);
            Console.WriteLine($"stored {result.ReportKey}");
            if (result.Retraining is { } decision)
            {
                Console.WriteLine($"retraining: {decision.Outcome} ({decision.Explanation}){(decision.RunId is { } id ? " run " + id : "")}");
            }

            return 0;
        }));
        command.Subcommands.Add(check);
        return command;
    }

    private static void PrintReport(DriftReport report)
    {
        Console.WriteLine($"{"feature",-24} {"kind",-12} {"psi",8} {"ks_stat",8} {"ks_p",9} {"chi2_p",9} {"js",7} {"used",-22} verdict");
        foreach (var f in report.Features)
        {
            Console.WriteLine($"{f.Name,-24} {f.Kind,-12} {N(f.Psi),8} {N(f.KsStatistic),8} {N(f.KsPValue),9} {N(f.Chi2PValue),9} {N(f.JsDistance),7} {f.StatisticUsed,-22} {f.Verdict}");
        }

        foreach (var missing in report.MissingColumns)
        {
            Console.WriteLine($"{missing,-24} missing from the current data");
        }

        Console.WriteLine($"overall: {report.Verdict} ({report.DriftedFeatures} of {report.Features.Count} features drifted, share {report.DriftedShare.ToString("0.##", CultureInfo.InvariantCulture)}; {report.ReferenceRows} reference rows, {report.CurrentRows} current rows)");
    }

    private static async Task WriteJsonAsync(DriftReport report, CancellationToken cancellationToken)
    {
        await using var stdout = Console.OpenStandardOutput();
        await stdout.WriteAsync(report.ToJson(), cancellationToken);
        Console.WriteLine();
    }

    private static FileStream Open(FileInfo file) =>
        file.Exists ? file.OpenRead() : throw MlopsException.InvalidArgument($"There is no file '{file.FullName}'.");

    private static string N(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
