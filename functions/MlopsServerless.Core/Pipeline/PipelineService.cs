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
        ObjectKey.Name(dataset, "Dataset");
        config ??= new PipelineConfig();
        config.Validate();
        var name = ObjectKey.Name(model ?? dataset, "Model");
        var manifest = version is null
            ? await NewestAsync(dataset, cancellationToken).ConfigureAwait(false)
            : await tables.ManifestAsync(dataset, version, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var run = new PipelineRun(RunIds.For(dataset, manifest.Version, name, config), dataset, manifest.Version, name, config,
            PipelineStatus.Pending, now, now, CodeVersion.Current, trigger);
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
