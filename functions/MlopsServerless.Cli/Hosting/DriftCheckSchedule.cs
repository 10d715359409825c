using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Monitoring.Checks;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// The local stand-in for the monitoring timer function: every <see cref="DriftScheduleOptions.IntervalMinutes"/>
/// (default 60) it runs the drift check and the live-performance evaluation for every model with a Production version.
/// </summary>
internal sealed partial class DriftCheckSchedule(
    MonitoringSweep sweep, IOptions<DriftScheduleOptions> options, TimeProvider time, ILogger<DriftCheckSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.IntervalMinutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            IReadOnlyList<MonitoringSweepResult> results;
            try
            {
                results = await sweep.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The round could not even list the models (a store outage): try again at the next tick; serve goes on.
                RoundFailed(logger, e);
                continue;
            }

            foreach (var result in results)
            {
                if (result.Pass is { } pass)
                {
                    Checked(logger, result.Model, pass.Drift.Version, pass.Drift.Report.Verdict.ToString(), pass.Drift.ReportKey, pass.Performance.Degraded);
                }
                else
                {
                    CheckFailed(logger, result.Model, result.Failure ?? "");
                }
            }
        }
    }

    [LoggerMessage(730, LogLevel.Information, "Monitoring of {Model} v{Version}: drift {Verdict} ({ReportKey}), performance degraded {Degraded}")]
    private static partial void Checked(ILogger logger, string model, int version, string verdict, string reportKey, bool degraded);

    [LoggerMessage(731, LogLevel.Warning, "Drift check of {Model} failed: {Reason}")]
    private static partial void CheckFailed(ILogger logger, string model, string reason);

    [LoggerMessage(732, LogLevel.Error, "A monitoring round failed; trying again at the next tick")]
    private static partial void RoundFailed(ILogger logger, Exception exception);
}
