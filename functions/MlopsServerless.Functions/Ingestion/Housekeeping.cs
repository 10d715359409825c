using Microsoft.Azure.Functions.Worker;
using MlopsServerless.Core.Ingestion;

namespace MlopsServerless.Functions.Ingestion;

/// <summary>
/// Every <see cref="AbandonedUploadSweep.Interval"/> (an hour), Core's <see cref="AbandonedUploadSweep"/>: deletes the staging copies of ingests whose instance died mid-read
/// (a worker recycled, a scale-in), which nothing else would ever remove. What it deletes is logged by Core.
/// </summary>
public sealed class Housekeeping(AbandonedUploadSweep sweep)
{
    /// <summary>Every hour at minute 17 (NCRONTAB with seconds), off the hour the other timers favour.</summary>
    public const string Schedule = "0 17 * * * *";

    [Function(nameof(Housekeeping))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        _ = timer;
        await sweep.SweepAsync(cancellationToken).ConfigureAwait(false);
    }
}
