using System.Globalization;
using System.Text.Json;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Commands;

/// <summary>How commands show things: metrics in a line, documents as JSON.</summary>
internal static class Print
{
    public static string Metrics(IReadOnlyDictionary<string, double>? metrics, params string[] keys) =>
        metrics is null ? "-" : string.Join("  ", (keys.Length > 0 ? keys.Where(metrics.ContainsKey) : metrics.Keys)
            .Select(k => $"{k}={metrics[k].ToString("0.####", CultureInfo.InvariantCulture)}"));

    public static void Json<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, MlopsJson.Options));

    public static void RunSummary(PipelineRun run)
    {
        Console.WriteLine($"run {run.Id}: {run.Status} (trigger {run.Trigger}{(run.Attempt > 1 ? $", attempt {run.Attempt}" : "")})");
        if (run.Reason is { } reason)
        {
            Console.WriteLine($"  reason: {reason}");
        }

        if (run.RetryOf is { } retryOf)
        {
            Console.WriteLine($"  retry of: {retryOf}");
        }

        if (run.RetriedBy is { } retriedBy)
        {
            Console.WriteLine($"  retried by: {retriedBy}");
        }
        foreach (var c in run.Candidates ?? [])
        {
            var chosen = c.Index == run.ChosenCandidate ? "  <- chosen" : "";
            Console.WriteLine($"  candidate {c.Index} {c.Algorithm,-7} validation: {Metrics(c.ValidationMetrics, "auc", "logloss", "accuracy", "f1", "rmse", "mae", "r2")} ({c.TrainSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s){chosen}");
        }

        if (run.Evaluation is { } e)
        {
            Console.WriteLine($"  test metrics: {Metrics(e.CandidateMetrics, "auc", "logloss", "accuracy", "f1", "precision", "recall", "rmse", "mae", "r2")}");
            Console.WriteLine(e.ChampionMetrics is null
                ? $"  champion: {e.ChampionNote}"
                : $"  champion v{e.ChampionVersion} on the same test rows: {Metrics(e.ChampionMetrics, "auc", "logloss", "accuracy", "rmse")}");
        }

        if (run.Registered is { } r)
        {
            Console.WriteLine($"  registered: model '{r.Model}' version {r.Version}, stage {r.Stage}");
        }

        if (run.Promotion is { } p)
        {
            Console.WriteLine($"  promotion: {(p.Promote ? "promoted" : "not promoted")} ({p.Reason})");
        }

        if (run.Error is { } error)
        {
            Console.WriteLine($"  error: {error}");
            if (run.RetriedBy is null)
            {
                Console.WriteLine($"  retry it with: mlops runs retry {run.Id}");
            }
        }
    }

    /// <summary>Prints a dataset version, or the quarantine report of a rejected upload; true when accepted.</summary>
    public static bool IngestionOutcome(IngestionOutcome outcome, TextWriter output)
    {
        if (outcome.Rejection is { } report)
        {
            output.WriteLine($"quarantined {report.QuarantinedFile[..(report.QuarantinedFile.LastIndexOf('/') + 1)]} — the upload was rejected:");
            foreach (var problem in report.Problems)
            {
                output.WriteLine($"  [{problem.Code}] {(problem.Line > 0 ? $"line {problem.Line}: " : "")}{problem.Message}");
            }

            return false;
        }

        if (outcome.Version is not { } version)
        {
            output.WriteLine($"left        {outcome.Deferred}");
            return false;
        }

        output.WriteLine($"dataset     {version.DatasetName ?? version.Dataset} version {version.Version} ({(outcome.Reused ? "same bytes as before: reused" : "new")})");
        output.WriteLine($"  sha256    {version.Sha256}");
        output.WriteLine($"  rows      {version.RowCount}, {version.Columns.Count} columns, label '{version.Label}'");
        output.WriteLine($"  columns   {string.Join(", ", version.Columns.Select(c => $"{c.Name}:{c.Kind.ToString().ToLowerInvariant()}{(c.Missing > 0 ? $" ({c.MissingRate:P0} missing)" : "")}"))}");
        return true;
    }
}
