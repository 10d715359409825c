using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// What happens when a file lands in <c>incoming/</c> (blob trigger in Azure, the folder watcher locally): ingest it
/// and, when it becomes a dataset version, start the training run for it. The run id derives from the content, so
/// the same bytes arriving twice start one run.
/// </summary>
public sealed class UploadProcessor(DatasetIngestor ingestor, PipelineService pipelines)
{
    /// <summary>The ingestion outcome and the run started for it (null when the upload was quarantined).</summary>
    public async Task<(IngestionOutcome Outcome, PipelineRun? Run)> ProcessAsync(string uploadKey, string? label, CancellationToken cancellationToken)
    {
        var outcome = await ingestor.IngestAsync(uploadKey, label, cancellationToken).ConfigureAwait(false);
        if (outcome.Version is not { } version)
        {
            return (outcome, null);
        }

        var (run, _) = await pipelines.StartAsync(version.Dataset, version.Version, null, null, "upload:" + uploadKey, cancellationToken).ConfigureAwait(false);
        return (outcome, run);
    }
}
