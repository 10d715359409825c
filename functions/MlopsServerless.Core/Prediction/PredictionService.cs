using System.Collections.Concurrent;
using System.Text.Json;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Prediction;

/// <summary>
/// Answers predict calls: resolves which version serves (Production unless asked otherwise), validates the input
/// against that version's signature and returns predictions with the version that made them. Which version a selector
/// names (a head read and a version read in the registry) is re-read at most once per <see cref="RegistryRefresh"/>, so
/// a promotion is picked up within that time without a restart.
/// Sampled requests go to the <see cref="PredictionLog"/> (when one is given) with a prediction id per row; handing
/// them over never waits on storage.
/// </summary>
public sealed class PredictionService(ModelRegistry registry, ModelCache cache, TimeProvider time, PredictionLog? log = null)
{
    /// <summary>How long a resolved version is reused. Defaults to 1 second.</summary>
    public static readonly TimeSpan RegistryRefresh = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Name, ModelSelector Selector), (ModelVersion Version, DateTimeOffset ReadAt)> _resolved = new();

    /// <summary>Predicts one JSON object of features, or an array of them.</summary>
    /// <exception cref="Errors.MlopsException">NotFound for an unknown model or version; FailedPrecondition when nothing is in
    /// Production; InvalidArgument naming the row and feature for bad input.</exception>
    public async Task<PredictionResponse> PredictAsync(string name, ModelSelector selector, JsonElement body, CancellationToken cancellationToken)
    {
        ObjectKey.Name(name, "Model");
        var started = time.GetTimestamp();
        var version = await ResolveAsync(name, selector, cancellationToken).ConfigureAwait(false);
        var trained = await cache.GetAsync(name, version.Version, cancellationToken).ConfigureAwait(false);
        var predictions = JsonFeatureReader.Predict(trained, body);
        if (log is null || !log.ShouldSample())
        {
            return new PredictionResponse(name, version.Version, version.Stage, Describe(predictions));
        }

        var now = time.GetUtcNow();
        var rows = Describe(predictions, now);
        log.TryRecord(name, version.Version, now, time.GetElapsedTime(started).TotalMilliseconds, body, rows);
        return new PredictionResponse(name, version.Version, version.Stage, rows);
    }

    // Per-row answers with class names; with loggedAt, each row gets a new prediction id carrying that time.
    private static RowPrediction[] Describe(Predictions predictions, DateTimeOffset? loggedAt = null)
    {
        var rows = new RowPrediction[predictions.RowCount];
        for (var r = 0; r < rows.Length; r++)
        {
            var id = loggedAt is { } at ? PredictionLog.NewId(at) : null;
            if (predictions.Task == ModelTask.Regression)
            {
                rows[r] = new RowPrediction(null, predictions.Values[r], null, id);
                continue;
            }

            var probabilities = new Dictionary<string, double>(predictions.Classes.Count, StringComparer.Ordinal);
            var row = predictions.Row(r);
            for (var c = 0; c < row.Length; c++)
            {
                probabilities[predictions.Classes[c]] = row[c];
            }

            rows[r] = new RowPrediction(predictions.Classes[predictions.PredictedClass(r)], null, probabilities, id);
        }

        return rows;
    }

    private async Task<ModelVersion> ResolveAsync(string name, ModelSelector selector, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A version number wins over an alias; keying by what is used keeps the cache bounded by existing versions and aliases.
        var key = (name, selector.Version is { } number ? new ModelSelector(number) : selector);
        if (_resolved.TryGetValue(key, out var cached) && now - cached.ReadAt < RegistryRefresh)
        {
            return cached.Version;
        }

        var version = await selector.ResolveAsync(registry, name, cancellationToken).ConfigureAwait(false);
        _resolved[key] = (version, now);
        return version;
    }
}
