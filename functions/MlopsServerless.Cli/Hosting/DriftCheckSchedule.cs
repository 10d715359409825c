using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// The local stand-in for the monitoring timer function: every <c>MLOPS_DRIFT_INTERVAL_MINUTES</c> (default 60) it runs
/// the drift check and the live-performance evaluation for every model with a Production version.
/// </summary>
internal sealed partial class DriftCheckSchedule(ModelRegistry registry, ScheduledMonitoring monitor, TimeProvider time, ILogger<DriftCheckSchedule> logger) : BackgroundService
{
    public static TimeSpan Interval =>
        TimeSpan.FromMinutes(int.TryParse(Environment.GetEnvironmentVariable("MLOPS_DRIFT_INTERVAL_MINUTES"), out var minutes) && minutes > 0 ? minutes : 60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (var model in await registry.ListAsync(stoppingToken).ConfigureAwait(false))
            {
                if (model.Production is null)
                {
                    continue;
                }

                try
                {
                    var pass = await monitor.RunAsync(model.Name, stoppingToken).ConfigureAwait(false);
                    Checked(logger, model.Name, pass.Drift.Version, pass.Drift.Report.Verdict.ToString(), pass.Drift.ReportKey, pass.Performance.Degraded);
                }
                catch (MlopsException e)
                {
                    CheckFailed(logger, model.Name, e.Message);
                }
            }
        }
    }

    [LoggerMessage(720, LogLevel.Information, "Monitoring of {Model} v{Version}: drift {Verdict} ({ReportKey}), performance degraded {Degraded}")]
    private static partial void Checked(ILogger logger, string model, int version, string verdict, string reportKey, bool degraded);

    [LoggerMessage(721, LogLevel.Warning, "Drift check of {Model} failed: {Reason}")]
    private static partial void CheckFailed(ILogger logger, string model, string reason);
}
