using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>
/// Decides whether a drift or performance signal starts a retraining run on the newest version of the model's dataset
/// (the dataset of its Production version, else of its newest version), with the configuration of the run that made
/// that version. A retraining run is always a new run (<see cref="PipelineService.RetrainAsync"/>), recording the signal
/// as its trigger and reason, even when the newest data was already trained with that config. At most one run starts per <see cref="RetrainingOptions.Cooldown"/>: the window is claimed with an
/// ETag-guarded write of the model's claim record before the run starts, so of two concurrent triggers one starts and
/// the other is suppressed. Every decision is recorded in the <see cref="RetrainingHistory"/>. A drift signal is also published as a
/// DriftDetected event, whatever the decision (the event says which run, if any, it started).
/// </summary>
public sealed class RetrainingTrigger(
    RetrainingHistory history,
    ModelRegistry registry,
    RunStore runs,
    PipelineService pipelines,
    IEventPublisher events,
    IOptions<RetrainingOptions> options,
    TimeProvider time,
    ILogger<RetrainingTrigger> logger)
{
    /// <summary>Considers one signal and records the decision.</summary>
    /// <exception cref="MlopsException">NotFound for an unknown model; FailedPrecondition when it has no versions;
    /// Unavailable when the event cannot be published (the decision is recorded first).</exception>
    public async Task<RetrainingDecision> ConsiderAsync(RetrainingSignal signal, CancellationToken cancellationToken)
    {
        // The head and one version, not every version: the cost of a signal does not grow with the model's history.
        var head = await registry.GetRequiredHeadAsync(signal.Model, cancellationToken).ConfigureAwait(false);
        var source = await registry.FindVersionAsync(signal.Model, head.ProductionVersion ?? head.LatestVersion, cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.FailedPrecondition($"Model '{signal.Model}' has no versions, so there is nothing to retrain.");
        var decision = await DecideAsync(signal, source, cancellationToken).ConfigureAwait(false);
        await history.AddAsync(decision, cancellationToken).ConfigureAwait(false);
        Log.RetrainingDecided(logger, signal.Model, decision.Outcome.ToString(), decision.Explanation);
        if (signal.Kind == RetrainingSignalKind.Drift)
        {
            await events.PublishAsync(DomainEvents.DriftDetected(signal.Model, source.Version, signal.Reason, signal.DetectedAt, decision.RunId), cancellationToken)
                .ConfigureAwait(false);
        }

        return decision;
    }

    private async Task<RetrainingDecision> DecideAsync(RetrainingSignal signal, ModelVersion source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        RetrainingDecision Decide(RetrainingOutcome outcome, string why, string? runId = null) =>
            new(signal.Model, signal.Kind, signal.Reason, now, outcome, why, source.Dataset, runId);

        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Decide(RetrainingOutcome.Disabled, "Retraining is disabled.");
        }

        var current = await history.GetStateAsync(signal.Model, cancellationToken).ConfigureAwait(false);
        if (current is not null && now - current.Value.LastTriggeredAt < settings.Cooldown)
        {
            return Decide(RetrainingOutcome.Suppressed,
                $"In cooldown: a retraining started at {current.Value.LastTriggeredAt:u} (run {current.Value.RunId}); the next may start after {current.Value.LastTriggeredAt + settings.Cooldown:u}.");
        }

        string claimed;
        try
        {
            claimed = await history.ClaimAsync(signal.Model, new RetrainingState(now, signal.Reason, null), current?.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            return Decide(RetrainingOutcome.Suppressed, "Another trigger claimed this cooldown window at the same moment and starts the retraining.");
        }

        try
        {
            var config = (await runs.GetAsync(source.RunId, cancellationToken).ConfigureAwait(false))?.Config;
            // The claimed window is this decision's identity: the same claim always names the same new run.
            var triggerId = $"{signal.Model}@{now.UtcDateTime:O}";
            var (run, _) = await pipelines.RetrainAsync(source.Dataset, signal.Model, config, "retrain:" + signal.Kind, signal.Reason, triggerId, cancellationToken)
                .ConfigureAwait(false);
            await history.ClaimAsync(signal.Model, new RetrainingState(now, signal.Reason, run.Id), claimed, cancellationToken).ConfigureAwait(false);
            return Decide(RetrainingOutcome.Started, $"Started run {run.Id} on dataset '{run.Dataset}' version {run.DatasetVersion}.", run.Id);
        }
        catch (MlopsException e) when (e.Code != ErrorCode.Conflict)
        {
            // Give the window back so the next signal can try again.
            await history.ReleaseAsync(signal.Model, current, claimed, cancellationToken).ConfigureAwait(false);
            return Decide(RetrainingOutcome.Failed, "Starting the retraining failed: " + e.Message);
        }
    }
}
