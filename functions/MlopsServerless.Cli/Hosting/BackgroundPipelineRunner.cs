using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// The local <see cref="IPipelineLauncher"/>: a queue of run ids executed one after another by the local engine, each
/// under its run lease (<see cref="RunLeases"/>), so two processes on one data directory never both execute a run. In
/// <c>mlops serve</c> it runs as a hosted service and every <see cref="Rescan"/> queues the runs left unfinished (by
/// an earlier process, or by one that was killed and whose lease has expired). One failing run never stops it. In
/// one-shot commands nothing drains it and the command runs the engine itself.
/// </summary>
internal sealed partial class BackgroundPipelineRunner(LocalPipelineEngine engine, RunLeases leases, TimeProvider time, ILogger<BackgroundPipelineRunner> logger)
    : BackgroundService, IPipelineLauncher
{
    public static readonly TimeSpan Rescan = TimeSpan.FromSeconds(15);

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();

    // Runs queued and not yet done here: a rescan during a long run must not queue it again and again.
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    public Task LaunchAsync(string runId, CancellationToken cancellationToken) =>
        _queued.TryAdd(runId, 0) ? _queue.Writer.WriteAsync(runId, cancellationToken).AsTask() : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rescanning = RescanAsync(stoppingToken);
        await foreach (var runId in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (await leases.TryRunAsync(runId, progress: null, stoppingToken).ConfigureAwait(false) is null)
                {
                    RunHeldElsewhere(logger, runId);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                RunCrashed(logger, e, runId);
            }
            finally
            {
                _queued.TryRemove(runId, out _);
            }
        }

        await rescanning.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RescanAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Rescan, time);
        do
        {
            try
            {
                foreach (var runId in await engine.UnfinishedAsync(stoppingToken).ConfigureAwait(false))
                {
                    await LaunchAsync(runId, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                RescanFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(720, LogLevel.Debug, "Run {RunId} is being executed by another process; it is taken over if that process stops renewing its lease")]
    private static partial void RunHeldElsewhere(ILogger logger, string runId);

    [LoggerMessage(721, LogLevel.Error, "Run {RunId} could not be executed; the runner goes on with the next")]
    private static partial void RunCrashed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(722, LogLevel.Error, "Looking for unfinished runs failed; trying again at the next rescan")]
    private static partial void RescanFailed(ILogger logger, Exception exception);
}
