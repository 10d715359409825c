using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Commands;

/// <summary>
/// The local loop as one call, shared by <c>mlops run</c> and <c>mlops demo</c>: upload a file to incoming/, process
/// it exactly as the watcher (or blob trigger) would, then run its pipeline in this process with live progress.
/// </summary>
internal static class UploadAndTrain
{
    public static async Task<(IngestionOutcome Outcome, PipelineRun? Run)> RunAsync(
        IServiceProvider services, Stream content, string dataset, string fileName, string? label, TextWriter output, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IObjectStore>();
        var key = StorageLayout.Incoming(dataset, fileName);
        await store.PutStreamAsync(key, content, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"uploaded    {key}");

        var (outcome, run) = await services.GetRequiredService<UploadProcessor>().ProcessAsync(key, label, cancellationToken).ConfigureAwait(false);
        if (!Print.IngestionOutcome(outcome, output))
        {
            return (outcome, null);
        }

        var version = outcome.Version!;
        output.WriteLine($"validation  passed (contract: label '{version.Label}')");
        output.WriteLine($"pipeline    run {run!.Id}{(run.IsFinished ? " (already finished: nothing to redo)" : "")}");
        var finished = await services.GetRequiredService<LocalPipelineEngine>().RunAsync(run.Id, new ConsoleProgress(output), cancellationToken).ConfigureAwait(false);
        return (outcome, finished);
    }
}
