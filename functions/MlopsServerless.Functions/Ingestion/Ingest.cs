using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Functions.Pipeline;

namespace MlopsServerless.Functions.Ingestion;

/// <summary>
/// A CSV landed in <c>incoming/{dataset}/</c>: Core versions it (reading the blob through the object store, in one
/// pass) and starts its training run, whose id derives from the content so the same bytes start one run. The
/// trigger hands over only the blob's name; the function never downloads the blob itself.
/// </summary>
public sealed class Ingest(UploadProcessor uploads, DurablePipelineLauncher launcher, ILogger<Ingest> logger)
{
    public const string IncomingPath = "%" + Hosting.AppSettings.DataContainer + "%/incoming/{dataset}/{name}";

    [Function(nameof(Ingest))]
    public async Task RunAsync(
        [BlobTrigger(IncomingPath, Source = BlobTriggerSource.EventGrid, Connection = Hosting.AppSettings.StorageConnection)] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        // The blob's name is its object-store key (the store is the same container); Core checks it is an upload key.
        var uploadKey = blob.Name;
        using var scope = launcher.Use(client);
        try
        {
            var (outcome, run) = await uploads.ProcessAsync(uploadKey, null, cancellationToken).ConfigureAwait(false);
            if (outcome.Deferred is { } why)
            {
                // Another instance holds the upload, or it changed while it was read. Event Grid delivers once and the
                // app has no rescan, so fail the invocation: the host retries it, and the upload gets its outcome.
                throw MlopsException.Unavailable($"Upload '{uploadKey}' was left for a later pass: {why}");
            }

            Log.UploadProcessed(logger, uploadKey, outcome.Version?.Version, run?.Id);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.NotFound)
        {
            // The upload is gone: an earlier delivery (or another instance) already versioned or quarantined it.
            Log.UploadIgnored(logger, uploadKey, e.Message);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.InvalidArgument)
        {
            // Not an upload Core can take (a nested folder, a name it refuses): retrying the event cannot change that.
            Log.UploadIgnored(logger, uploadKey, e.Message);
        }
    }
}
