using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>How the serving path samples and buffers the prediction log.</summary>
public sealed class PredictionLogOptions
{
    /// <summary>
    /// Share of predict requests logged, 0 (off) to 1 (all). The production default, 0.1, keeps about 4.5 MB per 100,000
    /// requests instead of 45 MB, and still gives a drift check its 100 rows a day from 1,000 requests a day on. Only logged
    /// requests carry prediction ids, so set 1.0 where every prediction should be able to receive feedback, or where
    /// traffic is low (<c>mlops serve</c> does). <value>Defaults to 0.1.</value>
    /// </summary>
    public double SamplingRate { get; set; } = 0.1;

    /// <summary>
    /// Days an hourly log object is kept; older ones are deleted by <see cref="PredictionLogRetention"/> on the monitoring
    /// schedule (and, in Azure, by the storage account's lifecycle rule). Keep it at least as long as the live-performance
    /// window (7 days by default), or late feedback finds no prediction to join. Setting: <c>Mlops:PredictionLog:RetentionDays</c>.
    /// <value>Defaults to 30.</value>
    /// </summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Requests the in-memory buffer holds before new ones are dropped (and counted). <value>Defaults to 10,000.</value></summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Requests the writer takes from the buffer per batch of appends. <value>Defaults to 1,000.</value></summary>
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>
    /// How long the writer waits after the first buffered request before it writes, so that appends come in batches
    /// (a few per second) rather than one per request. <value>Defaults to 200 milliseconds.</value>
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long disposing the log waits for buffered rows to be written. <value>Defaults to 10 seconds.</value></summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="MlopsException">InvalidArgument naming the wrong setting.</exception>
    public void Validate()
    {
        if (double.IsNaN(SamplingRate) || SamplingRate is < 0 or > 1)
        {
            throw MlopsException.InvalidArgument($"Prediction log samplingRate must be between 0 and 1; got {SamplingRate}.");
        }

        if (FlushInterval < TimeSpan.Zero)
        {
            throw MlopsException.InvalidArgument("Prediction log flushInterval must not be negative.");
        }

        if (RetentionDays < 1)
        {
            throw MlopsException.InvalidArgument($"Prediction log retentionDays must be at least 1; got {RetentionDays}.");
        }

        if (Capacity < 1 || MaxBatch < 1)
        {
            throw MlopsException.InvalidArgument("Prediction log capacity and maxBatch must be at least 1.");
        }
    }
}
