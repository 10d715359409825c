using MlopsServerless.Core.Storage.Leases;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// Runs a pipeline on the local engine only while holding its lease, so that when several processes share one store
/// exactly one executes a run; a killed holder's run is taken over by whoever tries after the lease expires.
/// </summary>
public sealed class RunLeases(LocalPipelineEngine engine, LeaseManager leases)
{
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
}
