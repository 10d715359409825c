using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// The local <see cref="IPipelineLauncher"/>: a queue of run ids executed one after another by the local engine. In
/// <c>mlops serve</c> it runs as a hosted service and first resumes every run a previous process left unfinished;
/// in one-shot commands nothing drains it and the command runs the engine itself.
/// </summary>
internal sealed class BackgroundPipelineRunner(LocalPipelineEngine engine) : BackgroundService, IPipelineLauncher
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();

    public Task LaunchAsync(string runId, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(runId, cancellationToken).AsTask();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var runId in await engine.UnfinishedAsync(stoppingToken).ConfigureAwait(false))
        {
            await _queue.Writer.WriteAsync(runId, stoppingToken).ConfigureAwait(false);
        }

        await foreach (var runId in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await engine.RunAsync(runId, progress: null, stoppingToken).ConfigureAwait(false);
        }
    }
}
