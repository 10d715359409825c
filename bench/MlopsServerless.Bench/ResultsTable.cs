using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MlopsServerless.Bench;

/// <summary>Prints every result in a folder as one markdown table, ours next to the references, with our ratios.</summary>
internal static class ResultsTable
{
    public static int Print(BenchArgs args)
    {
        var results = Directory.GetFiles(args["results"], "*.json")
            .Select(f => JsonSerializer.Deserialize<BenchResult>(File.ReadAllText(f))!)
            .OrderBy(r => r.Rows).ThenBy(r => r.Label).ThenBy(r => r.Impl == "ours" ? 0 : r.Impl == "reference" ? 2 : 1).ThenBy(r => r.Algorithm, StringComparer.Ordinal).ThenBy(r => r.Repeat)
            .ToList();
        var text = new StringBuilder();
        text.AppendLine("| data | label | impl | algorithm | run | load avg | load s | train s | train CPU s | single p50 µs | batch µs/row | batch rows/s | table µs/row | AUC | logloss | RMSE | peak MB | peak/CSV | train ×xgb | train ×sk | quality vs xgb | quality vs sk |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            // Ratios against the reference run with the same repeat index when there is one (same pass over the machine).
            var peers = results.Where(p => p.Impl == "reference" && p.Dataset == r.Dataset && p.Label == r.Label)
                .OrderBy(p => p.Repeat == r.Repeat ? 0 : 1).ToList();
            var trees = r.Algorithm.StartsWith("gbdt", StringComparison.Ordinal) || r.Algorithm is "mlnet-lightgbm" or "mlnet-fasttree";
            var xgb = r.Impl != "reference" && trees ? peers.FirstOrDefault(p => p.Algorithm == "xgboost") : null;
            var sk = r.Impl == "reference" ? null
                : trees ? peers.FirstOrDefault(p => p.Algorithm == "sklearn_hgb")
                : peers.FirstOrDefault(p => p.Algorithm == "sklearn_linear");
            text.AppendLine(string.Join(" | ", [
                $"| {r.Dataset}", r.Label, r.Impl, r.Algorithm, r.Repeat.ToString(CultureInfo.InvariantCulture), F(r.LoadAverage, "0.0"), F(r.LoadSeconds, "0.0"), F(r.TrainSeconds, "0.00"), F(r.TrainCpuSeconds, "0.00"),
                F(r.SingleMicrosPerRow, "0.00"), F(r.BatchMicrosPerRow, "0.000"), F(1e6 / r.BatchMicrosPerRow, "N0"), F(r.TableMicrosPerRow, "0.00"),
                F(r.Auc, "0.0000"), F(r.LogLoss, "0.0000"), F(r.Rmse, "0.0000"), F(r.PeakMb, "N0"), F(r.PeakMb / r.CsvMb, "0.00"),
                Ratio(r, xgb), Ratio(r, sk), Quality(r, xgb), Quality(r, sk) + " |",
            ]));
        }

        Console.Write(text.ToString());
        return 0;
    }

    private static string Ratio(BenchResult ours, BenchResult? reference) =>
        reference is null ? "" : F(ours.TrainSeconds / reference.TrainSeconds, "0.00") + "×";

    private static string Quality(BenchResult ours, BenchResult? reference) => reference switch
    {
        null => "",
        { Auc: { } auc } when ours.Auc is { } mine => "ΔAUC " + (mine - auc).ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture),
        { Rmse: { } rmse } when ours.Rmse is { } mine => "RMSE " + F(mine / rmse, "0.000") + "×",
        _ => "",
    };

    private static string F(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
