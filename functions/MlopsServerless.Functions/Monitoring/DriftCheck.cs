using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Functions.Pipeline;

namespace MlopsServerless.Functions.Monitoring;

/// <summary>
/// The monitoring timer (schedule: the <c>MLOPS_DRIFT_SCHEDULE</c> setting, NCRONTAB): Core's drift check and
/// live-performance evaluation for every model in Production; a retraining run it decides on starts through the
/// Durable launcher.
/// </summary>
public sealed class DriftCheck(MonitoringSweep sweep, DurablePipelineLauncher launcher, ILogger<DriftCheck> logger)
{
    public const string Schedule = "%" + Hosting.AppSettings.DriftSchedule + "%";

    [Function(nameof(DriftCheck))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        _ = timer;
        using var scope = launcher.Use(client);
        foreach (var result in await sweep.RunAsync(cancellationToken).ConfigureAwait(false))
        {
            if (result.Pass is { } pass)
            {
                Log.ModelMonitored(logger, result.Model, pass.Drift.Version, pass.Drift.Report.Verdict.ToString(), pass.Drift.ReportKey, pass.Performance.Degraded);
            }
            else
            {
                Log.MonitoringFailed(logger, result.Model, result.Failure ?? "");
            }
        }
    }
}
