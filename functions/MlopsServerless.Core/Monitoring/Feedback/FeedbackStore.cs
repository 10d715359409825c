using System.Runtime.CompilerServices;
using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Monitoring.Feedback;

/// <summary>
/// Ground truth for logged predictions, append-only, one JSON Lines object per model and UTC day. Every label must
/// belong to a prediction the model logged (the id a predict call returned, found with one lookup in the prediction-id
/// index; an id the index lacks, logged before the index existed or whose index write failed, is looked for in the
/// hourly log object its time names) and, for a classifier, be one of the classes of the version that made the
/// prediction. A call with any item refused stores nothing.
/// </summary>
public sealed class FeedbackStore(IObjectStore store, IRecordStore records, ModelRegistry registry, PredictionLogReader predictions, TimeProvider time)
{
    /// <summary>Most labels one call may carry.</summary>
    public const int MaxItems = 10_000;

    /// <summary>Prediction-id lookups one call keeps in flight at once.</summary>
    internal const int LookupsInFlight = 16;

    /// <summary>Stores <c>{ "predictionId": "...", "label": ... }</c> or an array of such objects for <paramref name="model"/>.</summary>
    /// <exception cref="MlopsException">NotFound for an unknown model or a prediction id the model never logged (or has not
    /// written yet); InvalidArgument naming the item that is malformed or whose label is not one of the model's classes;
    /// FailedPrecondition when the version's stored signature is damaged.</exception>
    public async Task<FeedbackReceipt> RecordAsync(string model, JsonElement body, CancellationToken cancellationToken)
    {
        await registry.GetRequiredHeadAsync(model, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var items = Parse(body, now);
        await CheckAsync(model, items, body.ValueKind == JsonValueKind.Array, cancellationToken).ConfigureAwait(false);
        using var lines = new MemoryStream();
        foreach (var item in items)
        {
            JsonSerializer.Serialize(lines, item, MlopsJson.CompactOptions);
            lines.WriteByte((byte)'\n');
        }

        await store.AppendAsync(StorageLayout.Feedback(model, now), lines.ToArray(), cancellationToken).ConfigureAwait(false);
        return new FeedbackReceipt(model, items.Count, now);
    }

    /// <summary>The labels for <paramref name="model"/> received in [<paramref name="from"/>, <paramref name="to"/>), oldest first, streamed.</summary>
    public async IAsyncEnumerable<GroundTruth> ReadAsync(string model, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var day = from.UtcDateTime.Date; day < to.UtcDateTime; day = day.AddDays(1))
        {
            var key = StorageLayout.Feedback(model, new DateTimeOffset(day, TimeSpan.Zero));
            await foreach (var item in store.ReadJsonLinesAsync<GroundTruth>(key, cancellationToken).ConfigureAwait(false))
            {
                if (item.ReceivedAt >= from && item.ReceivedAt < to)
                {
                    yield return item;
                }
            }
        }
    }

    private async Task CheckAsync(string model, List<GroundTruth> items, bool batch, CancellationToken cancellationToken)
    {
        var logged = await FindVersionsAsync(model, items, cancellationToken).ConfigureAwait(false);
        var signatures = new Dictionary<int, ModelSignature?>();
        for (var i = 0; i < items.Count; i++)
        {
            var where = batch ? $"Item {i}: " : "";
            var id = items[i].PredictionId;
            if (!logged.TryGetValue(id, out var version))
            {
                throw MlopsException.NotFound(
                    $"{where}model '{model}' logged no prediction with id '{id}'. Send the predictionId a predict call answered with (only sampled " +
                    "requests carry one); a prediction made within the last second may not be written yet, so send it again shortly.");
            }

            if (!signatures.TryGetValue(version, out var signature))
            {
                signature = (await store.ReadJsonAsync<ModelSignature>(StorageLayout.ModelVersionFile(model, version, ModelFiles.Signature), cancellationToken)
                    .ConfigureAwait(false))?.Value;
                signatures[version] = signature;
            }

            CheckLabel(items[i].Label, signature, model, version, where);
        }
    }

    /// <summary>The version that made each logged prediction among <paramref name="items"/>, by id; ids no predict call returned are absent.</summary>
    private async Task<Dictionary<string, int>> FindVersionsAsync(string model, List<GroundTruth> items, CancellationToken cancellationToken)
    {
        // Only a predict call's id (a version 7 GUID) can be in the index; anything else is not a valid row key either.
        var ids = items.Select(i => i.PredictionId).Distinct(StringComparer.Ordinal).Where(id => PredictionLog.TimeOf(id) is not null).ToArray();
        var indexed = new int?[ids.Length];

        // Point reads in parallel, a bounded number at a time: one after another, a call of 10,000 labels against a
        // remote table waited for 10,000 round trips.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = LookupsInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), parallel, async (i, token) =>
            indexed[i] = await PredictionIndexEntry.FindVersionAsync(records, model, ids[i], token).ConfigureAwait(false))
            .ConfigureAwait(false);

        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var unindexed = new List<string>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (indexed[i] is { } version)
            {
                versions[ids[i]] = version;
            }
            else
            {
                unindexed.Add(ids[i]);
            }
        }

        if (unindexed.Count > 0)
        {
            foreach (var (id, row) in await predictions.FindAsync(model, unindexed, cancellationToken).ConfigureAwait(false))
            {
                versions[id] = row.Version;
            }
        }

        return versions;
    }

    private static void CheckLabel(JsonElement label, ModelSignature? signature, string model, int version, string where)
    {
        if (signature is null)
        {
            return; // a version registered without a signature: nothing to check against
        }

        if (signature.Task == ModelTask.Regression)
        {
            if (label.ValueKind != JsonValueKind.Number)
            {
                throw MlopsException.InvalidArgument($"{where}label must be the true value (a number): model '{model}' v{version} predicts '{signature.Label}'.");
            }

            return;
        }

        if (LivePerformance.ClassName(label) is not { } name || !signature.Classes.Contains(name, StringComparer.Ordinal))
        {
            throw MlopsException.InvalidArgument(
                $"{where}label {label.GetRawText()} is not one of the classes of model '{model}' v{version}: send one of {string.Join(", ", signature.Classes.Select(c => $"\"{c}\""))}.");
        }
    }

    private static List<GroundTruth> Parse(JsonElement body, DateTimeOffset now)
    {
        var items = body.ValueKind switch
        {
            JsonValueKind.Object => [body],
            JsonValueKind.Array => body.EnumerateArray().ToList(),
            _ => throw MlopsException.InvalidArgument("Send { \"predictionId\": \"...\", \"label\": ... } or an array of them."),
        };
        if (items.Count is 0 or > MaxItems)
        {
            throw MlopsException.InvalidArgument($"Send between 1 and {MaxItems} labels; got {items.Count}.");
        }

        var parsed = new List<GroundTruth>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var where = body.ValueKind == JsonValueKind.Array ? $"Item {i}: " : "";
            var item = items[i];
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("predictionId", out var id) || id.ValueKind != JsonValueKind.String
                || id.GetString() is not { Length: > 0 and <= 128 } text)
            {
                throw MlopsException.InvalidArgument($"{where}predictionId must be the id a predict call returned (a non-empty string).");
            }

            if (!item.TryGetProperty("label", out var label) || label.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                throw MlopsException.InvalidArgument($"{where}label must be the true class (a string or boolean) or value (a number).");
            }

            parsed.Add(new GroundTruth(text, label.Clone(), now));
        }

        return parsed;
    }
}
