using Microsoft.Extensions.Hosting;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>
/// Writes the prediction log off the request path in every host (<c>mlops serve</c>, the Functions worker) and writes
/// what is still buffered when the host stops.
/// </summary>
public sealed class PredictionLogWriterService(PredictionLog log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => log.RunAsync(stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
