using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Core.Monitoring.Feedback;

/// <summary>
/// Joins ground truth to logged predictions over a sliding window and computes live metrics per version: accuracy and
/// ROC AUC for classification, rmse and mae for regression, each compared with the version's test metric. Memory
/// holds the window's labels and the labelled predictions; unlabelled predictions stream past.
/// </summary>
public sealed class LivePerformance(
    ModelRegistry registry, FeedbackStore feedback, PredictionLogReader predictions, IOptions<LivePerformanceOptions> options, TimeProvider time)
{
    /// <summary>The live performance of <paramref name="model"/> now.</summary>
    /// <exception cref="MlopsException">NotFound for an unknown model.</exception>
    public async Task<PerformanceReport> EvaluateAsync(string model, CancellationToken cancellationToken)
    {
        await registry.GetRequiredHeadAsync(model, cancellationToken).ConfigureAwait(false);
        var settings = options.Value;
        var end = time.GetUtcNow();
        var start = end - settings.Window;
        var labels = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        await foreach (var item in feedback.ReadAsync(model, start, end.AddTicks(1), cancellationToken).ConfigureAwait(false))
        {
            labels[item.PredictionId] = item.Label; // a corrected label replaces the earlier one
        }

        var joined = new Dictionary<int, List<(LoggedPrediction Row, JsonElement Label)>>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in predictions.ReadAsync(model, start, end.AddTicks(1), cancellationToken).ConfigureAwait(false))
        {
            if (labels.TryGetValue(row.PredictionId, out var label) && matched.Add(row.PredictionId))
            {
                if (!joined.TryGetValue(row.Version, out var list))
                {
                    joined[row.Version] = list = [];
                }

                list.Add((row, label));
            }
        }

        var versions = new List<VersionPerformance>();
        var drops = new List<PerformanceDrop>();
        foreach (var (number, rows) in joined.OrderBy(j => j.Key))
        {
            var recent = rows.OrderBy(r => r.Row.Time).TakeLast(settings.MaxLabelled).ToList();
            var (live, unknown) = recent[0].Row.Output.Value is not null ? Regression(recent) : Classification(recent);
            var version = await registry.FindVersionAsync(model, number, cancellationToken).ConfigureAwait(false);
            var test = version?.Metrics ?? new Dictionary<string, double>();
            versions.Add(new VersionPerformance(number, version?.Stage ?? Stage.None, recent.Count - unknown, unknown, live, test));
            if (recent.Count - unknown >= settings.MinLabelled)
            {
                drops.AddRange(Drops(number, live, test, recent.Count - unknown, settings.MaxRelativeDrop));
            }
        }

        return new PerformanceReport(model, start, end, labels.Count, labels.Count - matched.Count, versions, drops);
    }

    private static IEnumerable<PerformanceDrop> Drops(int version, IReadOnlyDictionary<string, double> live, IReadOnlyDictionary<string, double> test, int labelled, double threshold)
    {
        foreach (var (metric, value) in live)
        {
            if (!test.TryGetValue(metric, out var reference) || reference == 0)
            {
                continue;
            }

            var drop = MetricCatalog.HigherIsBetter(metric) ? (reference - value) / Math.Abs(reference) : (value - reference) / Math.Abs(reference);
            if (drop > threshold)
            {
                yield return new PerformanceDrop(version, metric, reference, value, drop, threshold, labelled, string.Create(CultureInfo.InvariantCulture,
                    $"version {version} live {metric} {value:0.####} vs test {reference:0.####} ({drop:P1} worse, allowed {threshold:P1}) over {labelled} labelled predictions"));
            }
        }
    }

    private static (IReadOnlyDictionary<string, double> Live, int Unknown) Regression(List<(LoggedPrediction Row, JsonElement Label)> rows)
    {
        var actual = new List<double>();
        var predicted = new List<double>();
        foreach (var (row, label) in rows)
        {
            if (label.ValueKind == JsonValueKind.Number && row.Output.Value is { } value)
            {
                actual.Add(label.GetDouble());
                predicted.Add(value);
            }
        }

        var live = new Dictionary<string, double>();
        if (actual.Count > 0)
        {
            live[MetricCatalog.Rmse] = RegressionMetrics.Rmse([.. actual], [.. predicted]);
            live[MetricCatalog.Mae] = RegressionMetrics.Mae([.. actual], [.. predicted]);
        }

        return (live, rows.Count - actual.Count);
    }

    private static (IReadOnlyDictionary<string, double> Live, int Unknown) Classification(List<(LoggedPrediction Row, JsonElement Label)> rows)
    {
        var classes = rows[0].Row.Output.Probabilities?.Keys.ToList() ?? [];
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var actual = new List<int>();
        var predicted = new List<int>();
        var probabilities = new List<double>();
        foreach (var (row, label) in rows)
        {
            if (ClassName(label) is not { } name || !index.TryGetValue(name, out var k) || row.Output.Probabilities is not { } p
                || row.Output.Label is null || !index.TryGetValue(row.Output.Label, out var guess))
            {
                continue;
            }

            actual.Add(k);
            predicted.Add(guess);
            probabilities.AddRange(classes.Select(c => p.TryGetValue(c, out var v) ? v : 0));
        }

        var live = new Dictionary<string, double>();
        if (actual.Count > 0)
        {
            live[MetricCatalog.Accuracy] = ClassificationMetrics.Accuracy([.. actual], [.. predicted]);
            try
            {
                live[MetricCatalog.Auc] = ClassificationMetrics.RocAuc([.. actual], [.. probabilities], classes.Count);
            }
            catch (MlopsException e) when (e.Code == ErrorCode.FailedPrecondition)
            {
                // Labels of one class only so far: AUC is undefined, accuracy still says something.
            }
        }

        return (live, rows.Count - actual.Count);
    }

    /// <summary>The class a label names: a string as is, a boolean as "true"/"false", a number in invariant round-trip form.</summary>
    internal static string? ClassName(JsonElement label) => label.ValueKind switch
    {
        JsonValueKind.String => label.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => label.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };
}
