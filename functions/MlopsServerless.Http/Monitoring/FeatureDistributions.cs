using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Http.Monitoring;

/// <summary>
/// Counts the logged inputs of one feature over the drift window into the bins or levels of the Production version's
/// training profile, so the dashboard can draw reference and current side by side.
/// </summary>
public sealed class FeatureDistributions(ModelRegistry registry, PredictionLogReader log, IOptions<DriftMonitorOptions> options, TimeProvider time)
{
    private const string Missing = "(missing)";

    /// <exception cref="MlopsException">NotFound for an unknown model or feature; FailedPrecondition when nothing is in Production or it has no profile.</exception>
    public async Task<FeatureDistributionResponse> CompareAsync(string model, string feature, CancellationToken cancellationToken)
    {
        var version = await ModelSelector.Production.ResolveAsync(registry, model, cancellationToken).ConfigureAwait(false);
        // Through the registry's stored-document reader, so a damaged profile is FailedPrecondition naming its key.
        var profile = await registry.ReadFileAsync(model, version.Version, ModelFiles.Profile, b => DriftReference.FromJson(b.Span), cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.FailedPrecondition($"Model '{model}' version {version.Version} has no training profile; retrain it to monitor drift.");
        var reference = profile.Find(feature);
        if (reference is null || feature == OutputDrift.Column)
        {
            throw MlopsException.NotFound($"Model '{model}' version {version.Version} has no input feature '{feature}'. The drift report lists its features.");
        }

        var to = time.GetUtcNow();
        var from = to - options.Value.Window;
        var values = new List<JsonElement?>();
        await foreach (var row in log.ReadAsync(model, from, to, cancellationToken).ConfigureAwait(false))
        {
            if (row.Version == version.Version && values.Count < options.Value.MaxRows)
            {
                values.Add(row.Input.ValueKind == JsonValueKind.Object && row.Input.TryGetProperty(feature, out var value) ? value : null);
            }
        }

        var bins = reference.Kind == DriftFeatureKind.Numeric ? NumericBins(reference, values) : LevelBins(reference, values);
        return new FeatureDistributionResponse(model, version.Version, feature, reference.Kind.ToString(), from, to, reference.Rows, values.Count, bins);
    }

    private static List<DistributionBin> NumericBins(FeatureReference reference, List<JsonElement?> values)
    {
        var edges = reference.BinEdges?.ToArray() ?? [];
        var current = new long[edges.Length + 2];
        foreach (var value in values)
        {
            var number = Number(value);
            current[double.IsNaN(number) ? edges.Length + 1 : DriftStatistics.BinOf(edges, number)]++;
        }

        var referenceCounts = (reference.BinCounts ?? []).Append(reference.Missing).ToArray();
        var labels = Enumerable.Range(0, edges.Length + 1).Select(i => i == 0 ? "≤ " + Format(edges.ElementAtOrDefault(0))
            : i == edges.Length ? "> " + Format(edges[^1]) : Format(edges[i - 1]) + " – " + Format(edges[i])).Append(Missing);
        if (edges.Length == 0)
        {
            labels = ["all values", Missing];
        }

        return Shares(labels.Select((label, i) => (label, referenceCounts.ElementAtOrDefault(i), current[i])).ToList(), reference.Rows, values.Count);
    }

    private static List<DistributionBin> LevelBins(FeatureReference reference, List<JsonElement?> values)
    {
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var level = Level(value) ?? Missing;
            current[level] = current.GetValueOrDefault(level) + 1;
        }

        var levels = (reference.Levels ?? []).ToDictionary(l => l.Value, l => l.Count, StringComparer.Ordinal);
        var names = levels.Keys.Concat(current.Keys.Where(k => k != Missing && !levels.ContainsKey(k)).Order(StringComparer.Ordinal)).Append(Missing);
        var rows = names.Select(n => (n, n == Missing ? reference.Missing : levels.GetValueOrDefault(n), current.GetValueOrDefault(n))).ToList();
        return Shares(rows, reference.Rows, values.Count);
    }

    private static List<DistributionBin> Shares(List<(string Label, long Reference, long Current)> rows, long referenceRows, long currentRows) =>
        rows.Select(r => new DistributionBin(r.Label, r.Reference, r.Current,
            referenceRows == 0 ? 0 : (double)r.Reference / referenceRows, currentRows == 0 ? 0 : (double)r.Current / currentRows)).ToList();

    private static double Number(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        { ValueKind: JsonValueKind.True } => 1,
        { ValueKind: JsonValueKind.False } => 0,
        { ValueKind: JsonValueKind.String } v when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => double.NaN,
    };

    private static string? Level(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        _ => null,
    };

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
