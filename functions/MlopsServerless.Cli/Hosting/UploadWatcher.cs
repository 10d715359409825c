using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// The local stand-in for the blob trigger: every <see cref="Interval"/> it looks in <c>incoming/</c> and processes
/// each upload that has not changed for <see cref="Settle"/> (so a file still being copied is not read half-written).
/// </summary>
internal sealed partial class UploadWatcher(IObjectStore store, UploadProcessor processor, TimeProvider time, ILogger<UploadWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            foreach (var upload in await store.ListAllAsync(StorageLayout.IncomingPrefix, stoppingToken).ConfigureAwait(false))
            {
                if (time.GetUtcNow() - upload.LastModified < Settle)
                {
                    continue;
                }

                try
                {
                    var (outcome, run) = await processor.ProcessAsync(upload.Key, null, stoppingToken).ConfigureAwait(false);
                    if (outcome.Version is { } version)
                    {
                        UploadVersioned(logger, upload.Key, version.Dataset, version.Version, run?.Id);
                    }
                }
                catch (MlopsException e)
                {
                    // A name that is not valid cannot be versioned or quarantined under it; say so once per scan and leave the file.
                    UploadRejected(logger, upload.Key, e.Message);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(710, LogLevel.Information, "Upload {Key} is dataset {Dataset} version {Version}; run {RunId}")]
    private static partial void UploadVersioned(ILogger logger, string key, string dataset, string version, string? runId);

    [LoggerMessage(711, LogLevel.Warning, "Upload {Key} cannot be processed: {Reason}")]
    private static partial void UploadRejected(ILogger logger, string key, string reason);
}
