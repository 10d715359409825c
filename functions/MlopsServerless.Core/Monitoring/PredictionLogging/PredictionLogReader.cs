using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>Streams logged predictions back, one row at a time, so a drift check over a week holds one line in memory, not the week.</summary>
public sealed class PredictionLogReader(IObjectStore store)
{
    /// <summary>
    /// The rows of <paramref name="model"/> logged in [<paramref name="from"/>, <paramref name="to"/>), file by file in
    /// time order. Only the hourly objects that overlap the window are opened. A line that cannot be read (a torn append
    /// after a crash) is skipped.
    /// </summary>
    /// <exception cref="Errors.MlopsException">InvalidArgument for an invalid model name.</exception>
    public async IAsyncEnumerable<LoggedPrediction> ReadAsync(
        string model, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var firstHour = Hour(from);
        for (var day = from.UtcDateTime.Date; day < to.UtcDateTime; day = day.AddDays(1))
        {
            var prefix = StorageLayout.PredictionLogDayPrefix(model, new DateTimeOffset(day, TimeSpan.Zero));
            foreach (var item in await store.ListAllAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                var name = item.Key[prefix.Length..];
                if (!int.TryParse(name.AsSpan(0, Math.Min(2, name.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var hour))
                {
                    continue;
                }

                var start = new DateTimeOffset(day.AddHours(hour), TimeSpan.Zero);
                if (start < firstHour || start >= to)
                {
                    continue;
                }

                await foreach (var row in ReadObjectAsync(item.Key, cancellationToken).ConfigureAwait(false))
                {
                    if (row.Time >= from && row.Time < to)
                    {
                        yield return row;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The logged rows of <paramref name="model"/> with the given prediction ids, by id. Each id carries its time (see
    /// <see cref="PredictionLog.TimeOf"/>), so only the hourly objects those times fall in are read, each once. Ids that
    /// no predict call returned, or whose row is not (yet) written, are absent from the answer.
    /// </summary>
    public async Task<Dictionary<string, LoggedPrediction>> FindAsync(string model, IReadOnlyCollection<string> predictionIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, LoggedPrediction>(StringComparer.Ordinal);
        var wanted = predictionIds.ToHashSet(StringComparer.Ordinal);
        var hours = predictionIds.Select(PredictionLog.TimeOf).OfType<DateTimeOffset>().Select(t => StorageLayout.PredictionLog(model, t)).Distinct(StringComparer.Ordinal);
        foreach (var key in hours)
        {
            await foreach (var row in ReadObjectAsync(key, cancellationToken).ConfigureAwait(false))
            {
                if (wanted.Contains(row.PredictionId))
                {
                    found[row.PredictionId] = row;
                }
            }
        }

        return found;
    }

    private async IAsyncEnumerable<LoggedPrediction> ReadObjectAsync(string key, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            yield break;
        }

        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            LoggedPrediction? row;
            try
            {
                row = JsonSerializer.Deserialize<LoggedPrediction>(line, MlopsJson.Options);
            }
            catch (JsonException)
            {
                row = null;
            }

            if (row is not null)
            {
                yield return row;
            }
        }
    }

    /// <summary>The start of the UTC hour <paramref name="time"/> is in: the hour whose log object holds a row logged then.</summary>
    internal static DateTimeOffset Hour(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
