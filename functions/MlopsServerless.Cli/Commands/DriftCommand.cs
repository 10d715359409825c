using System.CommandLine;
using System.Globalization;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops drift compare REFERENCE.csv CURRENT.csv</c>: per-feature drift between two files and a verdict.</summary>
internal static class DriftCommand
{
    public static Command Create()
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
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(report.ToJson(), ct);
                Console.WriteLine();
                return 0;
            }

            Console.WriteLine($"{"feature",-24} {"kind",-12} {"psi",8} {"ks_stat",8} {"ks_p",9} {"chi2_p",9} {"js",7} {"used",-22} verdict");
            foreach (var f in report.Features)
            {
                Console.WriteLine($"{f.Name,-24} {f.Kind,-12} {N(f.Psi),8} {N(f.KsStatistic),8} {N(f.KsPValue),9} {N(f.Chi2PValue),9} {N(f.JsDistance),7} {f.StatisticUsed,-22} {f.Verdict}");
            }

            foreach (var missing in report.MissingColumns)
            {
                Console.WriteLine($"{missing,-24} missing from the current file");
            }

            Console.WriteLine($"overall: {report.Verdict} ({report.DriftedFeatures} of {report.Features.Count} features drifted, share {report.DriftedShare.ToString("0.##", CultureInfo.InvariantCulture)}; {report.ReferenceRows} reference rows, {report.CurrentRows} current rows)");
            return 0;
        }));
        command.Subcommands.Add(compare);
        return command;
    }

    private static FileStream Open(FileInfo file) =>
        file.Exists ? file.OpenRead() : throw MlopsException.InvalidArgument($"There is no file '{file.FullName}'.");

    private static string N(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
