using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// Deletes what an ingest or an upload left behind when its process died: staging copies (<c>staging/</c>, see
/// <see cref="DatasetIngestor"/>), the in-progress names of <see cref="UploadDrop"/>
/// (<c>incoming/{dataset}/.{id}.uploading</c>), and the store's own leftovers of writes that never finished (a copy
/// killed mid-read, <see cref="IObjectStore.DeleteUnfinishedWritesAsync"/>), once nothing has written them for
/// <see cref="MaxAge"/>. A live ingest moves or deletes its staging copy when its one read ends, a live drop moves its
/// file into place as soon as it is written, and a live write touches its file as it goes, so a day-old one has no
/// owner; each is a copy, and the upload it came from is not touched. Files a user is still writing under other
/// in-progress names (<c>.part</c>, <c>.tmp</c>, ...) are the user's and stay. Run hourly by <c>mlops serve</c> and by
/// the Housekeeping timer in Azure.
/// </summary>
public sealed class AbandonedUploadSweep(IObjectStore store, TimeProvider time, ILogger<AbandonedUploadSweep> logger)
{
    /// <summary>How long a staging copy or an in-progress drop stays untouched before it counts as abandoned.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    /// <summary>How often a host runs the sweep (the Housekeeping timer's schedule says the same).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Deletes every abandoned staging copy and in-progress drop; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - MaxAge;
        var deleted = 0;
        foreach (var prefix in (string[])[StorageLayout.StagingPrefix, StorageLayout.IncomingPrefix])
        {
            foreach (var item in await store.ListAllAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                // A store that cannot tell when an object was written (MinValue) leaves it be.
                if (item.LastModified != DateTimeOffset.MinValue && item.LastModified < cutoff
                    && (prefix == StorageLayout.StagingPrefix || UploadDrop.IsPartial(item.Key)))
                {
                    await store.DeleteAsync(item.Key, cancellationToken).ConfigureAwait(false);
                    Log.AbandonedCopyDeleted(logger, item.Key, item.Length, item.LastModified);
                    deleted++;
                }
            }
        }

        var unfinished = await store.DeleteUnfinishedWritesAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (unfinished > 0)
        {
            Log.UnfinishedWritesDeleted(logger, unfinished);
        }

        return deleted + unfinished;
    }
}
