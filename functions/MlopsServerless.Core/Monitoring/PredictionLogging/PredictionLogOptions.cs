using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>How the serving path samples and buffers the prediction log.</summary>
public sealed class PredictionLogOptions
{
    /// <summary>Share of predict requests logged, 0 (off) to 1 (all). <value>Defaults to 1.0.</value></summary>
    public double SamplingRate { get; set; } = 1.0;

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

        if (Capacity < 1 || MaxBatch < 1)
        {
            throw MlopsException.InvalidArgument("Prediction log capacity and maxBatch must be at least 1.");
        }
    }
}
