using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Pipeline;

/// <summary>Starts training runs for dataset versions and answers what runs exist, whatever engine executes them.</summary>
public sealed class PipelineService(DatasetTables tables, RunStore runs, IPipelineLauncher launcher, TimeProvider time)
{
    /// <summary>
    /// Records a run for a dataset version (the newest when <paramref name="version"/> is null) and launches it.
    /// Starting the same dataset version with the same config again returns the existing run and launches nothing new
    /// unless that run never finished.
    /// </summary>
    /// <exception cref="MlopsException">NotFound for an unknown dataset or version; InvalidArgument for a bad config or name.</exception>
    public async Task<(PipelineRun Run, bool Created)> StartAsync(
        string dataset, string? version, string? model, PipelineConfig? config, string trigger, CancellationToken cancellationToken)
    {
        var (manifest, name, checkedConfig) = await ResolveAsync(dataset, version, model, config, cancellationToken).ConfigureAwait(false);
        var run = NewRun(RunIds.For(dataset, manifest.Version, name, checkedConfig), manifest, name, checkedConfig, trigger);
        return await RecordAndLaunchAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a retraining run of <paramref name="model"/> on the newest version of <paramref name="dataset"/>: always a
    /// new run, even when a run with the same data and config already finished. Its id derives from the run
    /// <see cref="StartAsync"/> would make and from <paramref name="triggerId"/> (the trigger's own id, e.g. the
    /// cooldown window it claimed), so calling again with the same trigger id returns the same run.
    /// </summary>
    /// <exception cref="MlopsException">NotFound for an unknown dataset or one without versions; InvalidArgument for a bad config or name.</exception>
    public async Task<(PipelineRun Run, bool Created)> RetrainAsync(
        string dataset, string model, PipelineConfig? config, string trigger, string reason, string triggerId, CancellationToken cancellationToken)
    {
        var (manifest, name, checkedConfig) = await ResolveAsync(dataset, null, model, config, cancellationToken).ConfigureAwait(false);
        var id = RunIds.Retraining(RunIds.For(dataset, manifest.Version, name, checkedConfig), triggerId);
        var run = NewRun(id, manifest, name, checkedConfig, trigger) with { Reason = reason };
        return await RecordAndLaunchAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Retries a failed run as a new run on the same dataset version, model and config, linked both ways
    /// (<see cref="PipelineRun.RetryOf"/> on the new run, <see cref="PipelineRun.RetriedBy"/> on the failed one).
    /// Retrying the same failed run again returns the retry already made.
    /// </summary>
    /// <exception cref="MlopsException">NotFound for an unknown run or a dataset version that no longer exists;
    /// FailedPrecondition when the run has not failed.</exception>
    public async Task<(PipelineRun Run, bool Created)> RetryAsync(string runId, string trigger, CancellationToken cancellationToken)
    {
        var failed = await runs.GetRequiredAsync(runId, cancellationToken).ConfigureAwait(false);
        if (failed.Status != PipelineStatus.Failed)
        {
            throw MlopsException.FailedPrecondition(failed.Status == PipelineStatus.Completed
                ? $"Run '{runId}' completed; only a failed run can be retried. To train again, start a new run (POST /api/pipelines)."
                : $"Run '{runId}' is {failed.Status} and has not failed; only a failed run can be retried.");
        }

        var manifest = await tables.ManifestAsync(failed.Dataset, failed.DatasetVersion, cancellationToken).ConfigureAwait(false);
        var retry = NewRun(RunIds.Retry(failed.Id, failed.Attempt), manifest, failed.Model, failed.Config, trigger) with
        {
            Reason = $"Retry of run {failed.Id}, which failed: {failed.Error ?? "no reason recorded"}",
            Attempt = failed.Attempt + 1,
            RetryOf = failed.Id,
        };
        var result = await RecordAndLaunchAsync(retry, cancellationToken).ConfigureAwait(false);
        await runs.UpdateAsync(failed.Id, r => r.RetriedBy == result.Run.Id ? r : r with { RetriedBy = result.Run.Id }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<(DatasetManifest Manifest, string Model, PipelineConfig Config)> ResolveAsync(
        string dataset, string? version, string? model, PipelineConfig? config, CancellationToken cancellationToken)
    {
        ObjectKey.Name(dataset, "Dataset");
        config ??= new PipelineConfig();
        config.Validate();
        var name = ObjectKey.Name(model ?? dataset, "Model");
        var manifest = version is null
            ? await NewestAsync(dataset, cancellationToken).ConfigureAwait(false)
            : await tables.ManifestAsync(dataset, version, cancellationToken).ConfigureAwait(false);
        return (manifest, name, config);
    }

    private PipelineRun NewRun(string id, DatasetManifest manifest, string model, PipelineConfig config, string trigger)
    {
        var now = time.GetUtcNow();
        return new PipelineRun(id, manifest.Dataset, manifest.Version, model, config, PipelineStatus.Pending, now, now, CodeVersion.Current, trigger);
    }

    private async Task<(PipelineRun Run, bool Created)> RecordAndLaunchAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        var (recorded, created) = await runs.CreateAsync(run, cancellationToken).ConfigureAwait(false);
        if (!recorded.IsFinished)
        {
            await launcher.LaunchAsync(recorded.Id, cancellationToken).ConfigureAwait(false);
        }

        return (recorded, created);
    }

    /// <summary>Run <paramref name="runId"/> as recorded, merged with what its engine knows (<see cref="IPipelineLauncher.ObserveAsync"/>).</summary>
    /// <exception cref="MlopsException">NotFound when there is no such run.</exception>
    public async Task<PipelineRun> GetAsync(string runId, CancellationToken cancellationToken) =>
        await launcher.ObserveAsync(await runs.GetRequiredAsync(runId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<DatasetManifest> NewestAsync(string dataset, CancellationToken cancellationToken)
    {
        var versions = await tables.VersionsAsync(dataset, cancellationToken).ConfigureAwait(false);
        return versions.Count > 0
            ? versions[^1]
            : throw MlopsException.NotFound($"Dataset '{dataset}' has no versions yet. Upload a CSV to incoming/{dataset}/ first.");
    }
}
