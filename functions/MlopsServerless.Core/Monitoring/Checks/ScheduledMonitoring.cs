using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Monitoring.Retraining;

namespace MlopsServerless.Core.Monitoring.Checks;

/// <summary>
/// What the monitoring timer does for each model in Production: a drift check (which signals retraining itself on
/// drift) and a live-performance evaluation, whose drop beyond the threshold is the other retraining signal. Both
/// signals go through the same trigger, so its cooldown holds across them. Last, the prediction log's retention is
/// enforced (<see cref="PredictionLogRetention"/>).
/// </summary>
public sealed class ScheduledMonitoring(DriftMonitor drift, LivePerformance performance, RetrainingTrigger retraining, PredictionLogRetention retention, TimeProvider time)
{
    public async Task<MonitoringPass> RunAsync(string model, CancellationToken cancellationToken)
    {
        var check = await drift.CheckAsync(model, cancellationToken).ConfigureAwait(false);
        var live = await performance.EvaluateAsync(model, cancellationToken).ConfigureAwait(false);
        RetrainingDecision? decision = null;
        if (live.Degraded && check.Retraining is null)
        {
            var reason = string.Join("; ", live.Drops.Select(d => d.Reason));
            decision = await retraining.ConsiderAsync(new RetrainingSignal(model, RetrainingSignalKind.PerformanceDrop, reason, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        var expired = await retention.DeleteExpiredAsync(model, cancellationToken).ConfigureAwait(false);
        return new MonitoringPass(check, live, decision) { ExpiredLogObjects = expired };
    }
}
