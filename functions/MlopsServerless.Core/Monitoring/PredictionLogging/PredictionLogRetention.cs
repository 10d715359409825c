using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>
/// Enforces <see cref="PredictionLogOptions.RetentionDays"/>: deletes a model's hourly prediction log objects whose hour
/// ended more than that many days ago, and the prediction-id index entries of the rows those hours held. Run on the
/// monitoring schedule (<see cref="Checks.ScheduledMonitoring"/>), so the log and its index stay bounded on every host;
/// deleting is idempotent, so overlapping runs are harmless.
/// </summary>
public sealed class PredictionLogRetention(IObjectStore store, IRecordStore records, IOptions<PredictionLogOptions> options, TimeProvider time, ILogger<PredictionLogRetention> logger)
{
    /// <summary>Deletes the expired hourly objects of <paramref name="model"/>'s log (returning how many) and their index entries.</summary>
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

        var unindexed = await DeleteExpiredIndexAsync(model, cutoff, cancellationToken).ConfigureAwait(false);
        if (unindexed > 0)
        {
            Log.PredictionIndexExpired(logger, model, unindexed, settings.RetentionDays);
        }

        return deleted;
    }

    // The ids logged before a time are one row-key range, read a page at a time. The bound is the hour the log keeps
    // from, so an entry goes with its hour.
    private async Task<int> DeleteExpiredIndexAsync(string model, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var query = PredictionIndexEntry.LoggedBefore(model, PredictionLogReader.Hour(cutoff));
        var deleted = 0;
        while (true)
        {
            // Always the first page: what was read before is gone, so nothing is skipped and no token is needed.
            var page = await records.QueryPageAsync(RecordTables.Predictions, query, RecordKeys.MaxBatchOperations, cancellationToken).ConfigureAwait(false);
            if (page.Records.Count == 0)
            {
                return deleted;
            }

            deleted += await DeleteAsync(page.Records, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> DeleteAsync(IReadOnlyList<Record> expired, CancellationToken cancellationToken)
    {
        try
        {
            await records.ExecuteAsync(RecordTables.Predictions, expired.Select(r => RecordOperation.Delete(r.PartitionKey, r.RowKey, RecordOperation.AnyETag)).ToList(), cancellationToken)
                .ConfigureAwait(false);
            return expired.Count;
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            // A concurrent run deleted some of them first: delete the rest one by one.
            var deleted = 0;
            foreach (var record in expired)
            {
                deleted += await records.TryDeleteAsync(RecordTables.Predictions, record.PartitionKey, record.RowKey, RecordOperation.AnyETag, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            return deleted;
        }
    }

    // "yyyy-MM-dd/HH.jsonl" -> the hour's start; anything else under the prefix is not the log's and is left alone.
    private static DateTimeOffset? HourOf(string name) =>
        name.Length == "yyyy-MM-dd/HH.jsonl".Length && name.EndsWith(".jsonl", StringComparison.Ordinal)
        && DateTimeOffset.TryParseExact(name[..13], "yyyy-MM-dd/HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var hour)
            ? hour
            : null;
}
