using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Commands;

/// <summary>
/// The local loop as one call, shared by <c>mlops run</c> and <c>mlops demo</c>: drop a file into incoming/ the safe
/// way (<see cref="UploadDrop"/>: written under an in-progress name, then moved into place whole), process it exactly as the watcher (or blob
/// trigger) would, then run its pipeline in this process with live progress. A <c>mlops serve</c> watching the same
/// folder may pick the file up first; then this waits for its outcome instead of processing it twice.
/// </summary>
internal static class UploadAndTrain
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task<(IngestionOutcome Outcome, PipelineRun? Run)> RunAsync(
        IServiceProvider services, Stream content, string dataset, string fileName, string? label, TextWriter output, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IObjectStore>();
        var key = await UploadDrop.DropAsync(store, dataset, fileName, content, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"uploaded    {key}");

        var (outcome, run) = await ProcessAsync(services, key, label, cancellationToken).ConfigureAwait(false);
        if (!Print.IngestionOutcome(outcome, output) || run is null)
        {
            return (outcome, null);
        }

        var version = outcome.Version!;
        output.WriteLine($"validation  passed (contract: label '{version.Label}')");
        output.WriteLine($"pipeline    run {run.Id}{(run.IsFinished ? " (already finished: nothing to redo)" : "")}");
        return (outcome, await LeasedRun.RunOrWaitAsync(services, run.Id, output, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Processes the upload, or, when a watching server holds it, waits and reads the outcome it left.</summary>
    private static async Task<(IngestionOutcome Outcome, PipelineRun? Run)> ProcessAsync(IServiceProvider services, string key, string? label, CancellationToken cancellationToken)
    {
        var processor = services.GetRequiredService<UploadProcessor>();
        while (true)
        {
            try
            {
                var result = await processor.ProcessAsync(key, label, cancellationToken).ConfigureAwait(false);
                if (result.Outcome.Deferred is null)
                {
                    return result;
                }
            }
            catch (MlopsException e) when (e.Code == ErrorCode.NotFound)
            {
                return await OutcomeOfAsync(services, key, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The newest version or quarantine entry made from <paramref name="key"/> by another process.</summary>
    private static async Task<(IngestionOutcome Outcome, PipelineRun? Run)> OutcomeOfAsync(IServiceProvider services, string key, CancellationToken cancellationToken)
    {
        var dataset = UploadName.Parse(key).Dataset;
        var version = (await services.GetRequiredService<Core.Datasets.DatasetTables>().VersionsAsync(dataset, cancellationToken).ConfigureAwait(false))
            .LastOrDefault(v => v.Source == key);
        if (version is not null)
        {
            var (run, _) = await services.GetRequiredService<PipelineService>().StartAsync(dataset, version.Version, null, null, "upload:" + key, cancellationToken).ConfigureAwait(false);
            return (IngestionOutcome.Versioned(version, reused: true), run);
        }

        var rejection = (await services.GetRequiredService<QuarantineEntries>().ListAsync(dataset, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Source == key);
        return rejection is not null
            ? (IngestionOutcome.Quarantined(rejection), null)
            : throw MlopsException.NotFound($"'{key}' was taken by another process and has no outcome yet; see ./mlops datasets \"{dataset}\".");
    }
}
