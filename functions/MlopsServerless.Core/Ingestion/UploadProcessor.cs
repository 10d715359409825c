using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage.Leases;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// What happens when a file lands in <c>incoming/</c> (blob trigger in Azure, the folder watcher locally): ingest it
/// and, when it becomes a dataset version, start the training run for it. The run id derives from the content, so
/// the same bytes arriving twice start one run. A lease on the upload makes exactly one process work on it when several
/// watch the same store; the others leave it alone until the holder finishes or its lease expires.
/// </summary>
public sealed class UploadProcessor(DatasetIngestor ingestor, PipelineService pipelines, LeaseManager leases)
{
    /// <summary>The name of the lease that guards work on <paramref name="uploadKey"/>.</summary>
    public static string LeaseName(string uploadKey) => "upload:" + uploadKey;

    /// <summary>
    /// The ingestion outcome and the run started for it (null when the upload was quarantined or left in place:
    /// <see cref="IngestionOutcome.Deferred"/> says why, for example another process holds its lease).
    /// </summary>
    /// <exception cref="Errors.MlopsException">As <see cref="DatasetIngestor.IngestAsync"/>.</exception>
    public async Task<(IngestionOutcome Outcome, PipelineRun? Run)> ProcessAsync(string uploadKey, string? label, CancellationToken cancellationToken)
    {
        if (UploadName.IsInProgress(uploadKey))
        {
            // A trigger fires for the in-progress object too; the upload is the object it is renamed (moved) to.
            return (IngestionOutcome.Left($"'{uploadKey}' is still being written (in-progress name); it is processed once renamed."), null);
        }

        await using var lease = await leases.TryAcquireAsync(LeaseName(uploadKey), null, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return (IngestionOutcome.Left($"Another process is working on '{uploadKey}'."), null);
        }

        lease.KeepRenewing();
        using var guarded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        var outcome = await ingestor.IngestAsync(uploadKey, label, guarded.Token).ConfigureAwait(false);
        if (outcome.Version is not { } version)
        {
            return (outcome, null);
        }

        var (run, _) = await pipelines.StartAsync(version.Dataset, version.Version, null, null, "upload:" + uploadKey, guarded.Token).ConfigureAwait(false);
        return (outcome, run);
    }
}
