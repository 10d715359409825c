using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// The local stand-in for the blob trigger: every <see cref="Interval"/> it looks in <c>incoming/</c> and processes
/// each upload that has not changed for <see cref="Settle"/> and is not still being written under the safe-drop
/// convention (<see cref="UploadName.IsInProgress"/>). No single file can stop it: a failure is logged once, and that
/// file is tried again only when it changes. The upload's lease (in <see cref="UploadProcessor"/>) keeps two watchers on
/// one folder from processing the same file.
/// </summary>
internal sealed partial class UploadWatcher(
    IObjectStore store, UploadProcessor processor, AbandonedUploadSweep sweep, TimeProvider time, ILogger<UploadWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    // Uploads that failed, with the ETag they failed at: left alone (and not logged again) until they change.
    private readonly Dictionary<string, string> _failed = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await ScanAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                ScanFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One look at incoming/: processes every upload that is ready; once every <see cref="AbandonedUploadSweep.Interval"/>, first deletes the copies dead ingests left (<see cref="AbandonedUploadSweep"/>).</summary>
    internal async Task ScanAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() >= _nextSweep)
        {
            _nextSweep = time.GetUtcNow() + AbandonedUploadSweep.Interval;
            await sweep.SweepAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var upload in await store.ListAllAsync(StorageLayout.IncomingPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (UploadName.IsInProgress(upload.Key) || time.GetUtcNow() - upload.LastModified < Settle
                || (_failed.TryGetValue(upload.Key, out var failedAt) && failedAt == upload.ETag))
            {
                continue;
            }

            await ProcessAsync(upload, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(ObjectInfo upload, CancellationToken cancellationToken)
    {
        try
        {
            var (outcome, run) = await processor.ProcessAsync(upload.Key, null, cancellationToken).ConfigureAwait(false);
            _failed.Remove(upload.Key);
            if (outcome.Version is { } version)
            {
                UploadVersioned(logger, upload.Key, version.Dataset, version.Version, run?.Id);
            }
            else if (outcome.Deferred is { } reason)
            {
                UploadDeferred(logger, upload.Key, reason);
            }
        }
        catch (MlopsException e) when (e.Code == ErrorCode.NotFound)
        {
            // Processed by another process between the listing and now.
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _failed[upload.Key] = upload.ETag;
            UploadFailed(logger, e, upload.Key, e.Message.Length > 500 ? e.Message[..500] : e.Message);
        }
    }

    [LoggerMessage(710, LogLevel.Information, "Upload {Key} is dataset {Dataset} version {Version}; run {RunId}")]
    private static partial void UploadVersioned(ILogger logger, string key, string dataset, string version, string? runId);

    [LoggerMessage(711, LogLevel.Error, "Upload {Key} cannot be processed and is left where it is until it changes: {Reason}")]
    private static partial void UploadFailed(ILogger logger, Exception exception, string key, string reason);

    [LoggerMessage(712, LogLevel.Debug, "Upload {Key} left for a later pass: {Reason}")]
    private static partial void UploadDeferred(ILogger logger, string key, string reason);

    [LoggerMessage(713, LogLevel.Error, "Looking for uploads failed; trying again at the next tick")]
    private static partial void ScanFailed(ILogger logger, Exception exception);
}
