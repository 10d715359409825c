using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>
/// Enforces <see cref="PredictionLogOptions.RetentionDays"/>: deletes a model's hourly prediction log objects whose hour
/// ended more than that many days ago. Run on the monitoring schedule (<see cref="Checks.ScheduledMonitoring"/>), so
/// the log stays bounded on every host; deleting is idempotent, so overlapping runs are harmless.
/// </summary>
public sealed class PredictionLogRetention(IObjectStore store, IOptions<PredictionLogOptions> options, TimeProvider time, ILogger<PredictionLogRetention> logger)
{
    /// <summary>Deletes the expired hourly objects of <paramref name="model"/>'s log and returns how many.</summary>
    /// <exception cref="Errors.MlopsException">InvalidArgument for an invalid model name or bad options.</exception>
    public async Task<int> DeleteExpiredAsync(string model, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        settings.Validate();
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(settings.RetentionDays);
        var prefix = StorageLayout.PredictionLogPrefix(model);
        var deleted = 0;
        foreach (var item in await store.ListAllAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (HourOf(item.Key[prefix.Length..]) is { } hour && hour + TimeSpan.FromHours(1) <= cutoff)
            {
                await store.DeleteAsync(item.Key, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }

        if (deleted > 0)
        {
            Log.PredictionLogExpired(logger, model, deleted, settings.RetentionDays);
        }

        return deleted;
    }

    // "yyyy-MM-dd/HH.jsonl" -> the hour's start; anything else under the prefix is not the log's and is left alone.
    private static DateTimeOffset? HourOf(string name) =>
        name.Length == "yyyy-MM-dd/HH.jsonl".Length && name.EndsWith(".jsonl", StringComparison.Ordinal)
        && DateTimeOffset.TryParseExact(name[..13], "yyyy-MM-dd/HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var hour)
            ? hour
            : null;
}
