using Microsoft.Extensions.Hosting;
using MlopsServerless.Core.Monitoring.PredictionLogging;

namespace MlopsServerless.Cli.Hosting;

/// <summary>Runs the prediction log's writer in <c>mlops serve</c> and writes what is still buffered on shutdown.</summary>
internal sealed class PredictionLogWriterService(PredictionLog log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => log.RunAsync(stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
