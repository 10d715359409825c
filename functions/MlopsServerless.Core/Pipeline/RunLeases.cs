using MlopsServerless.Core.Storage.Leases;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// Runs a pipeline on the local engine only while holding its lease, so that when several processes share one store
/// exactly one executes a run; a killed holder's run is taken over by whoever tries after the lease expires.
/// </summary>
public sealed class RunLeases(LocalPipelineEngine engine, LeaseManager leases, RunStore runs, TimeProvider time)
{
    /// <summary>How often <see cref="RunOrAwaitAsync"/> looks again while another process holds the run.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>The name of the lease that guards executing <paramref name="runId"/>.</summary>
    public static string LeaseName(string runId) => "run:" + runId;

    /// <summary>Executes (or resumes) the run and returns its final record, or null when another process holds it.</summary>
    public async Task<PipelineRun?> TryRunAsync(string runId, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync(LeaseName(runId), null, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return null;
        }

        lease.KeepRenewing();
        using var guarded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        return await engine.RunAsync(runId, progress, guarded.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Executes the run here under its lease or, while another process holds it, waits until that process has finished it
    /// (or until its lease expires, and then executes it here); returns the finished run. <paramref name="waiting"/> is
    /// called once, when the wait begins.
    /// </summary>
    public async Task<PipelineRun> RunOrAwaitAsync(string runId, IProgress<StepProgress>? progress, Action? waiting, CancellationToken cancellationToken)
    {
        var told = false;
        while (true)
        {
            if (await TryRunAsync(runId, progress, cancellationToken).ConfigureAwait(false) is { } finished)
            {
                return finished;
            }

            var current = await runs.GetRequiredAsync(runId, cancellationToken).ConfigureAwait(false);
            if (current.IsFinished)
            {
                return current;
            }

            if (!told)
            {
                waiting?.Invoke();
                told = true;
            }

            await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
