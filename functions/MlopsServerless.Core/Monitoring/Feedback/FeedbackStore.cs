using System.Runtime.CompilerServices;
using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Monitoring.Feedback;

/// <summary>
/// Ground truth for logged predictions, append-only, one JSON Lines object per model and UTC day. An unknown prediction
/// id is accepted, not refused: checking it would mean scanning the prediction log on every call, and a label may
/// legitimately arrive before the log's writer has flushed the prediction. Labels that never match a logged
/// prediction are left out when live metrics join the two.
/// </summary>
public sealed class FeedbackStore(IObjectStore store, ModelRegistry registry, TimeProvider time)
{
    /// <summary>Most labels one call may carry.</summary>
    public const int MaxItems = 10_000;

    /// <summary>Stores <c>{ "predictionId": "...", "label": ... }</c> or an array of such objects for <paramref name="model"/>.</summary>
    /// <exception cref="MlopsException">NotFound for an unknown model; InvalidArgument naming the item that is malformed.</exception>
    public async Task<FeedbackReceipt> RecordAsync(string model, JsonElement body, CancellationToken cancellationToken)
    {
        await registry.GetRequiredAsync(model, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var items = Parse(body, now);
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
            var stream = await store.OpenReadAsync(StorageLayout.Feedback(model, new DateTimeOffset(day, TimeSpan.Zero)), cancellationToken).ConfigureAwait(false);
            if (stream is null)
            {
                continue;
            }

            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } line)
            {
                var item = JsonSerializer.Deserialize<GroundTruth>(line, MlopsJson.Options);
                if (item is not null && item.ReceivedAt >= from && item.ReceivedAt < to)
                {
                    yield return item;
                }
            }
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
