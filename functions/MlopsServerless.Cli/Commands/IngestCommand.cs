using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops ingest FILE --dataset NAME</c>: version a CSV (hash, validate, profile, store) without training, and
/// say how fast that was.</summary>
internal static class IngestCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV to version." };
        var dataset = new Option<string>("--dataset") { Description = "The dataset it becomes a version of.", Required = true };
        var label = new Option<string?>("--label") { Description = "The label column, for a new dataset (default 'label')." };
        var json = new Option<bool>("--json") { Description = "Print the outcome and timings as JSON." };
        var command = new Command("ingest", "Version a CSV as a dataset (no training); prints the version and MB/s.") { file, dataset, label, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw MlopsException.InvalidArgument($"There is no file '{path.FullName}'.");
            }

            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            var clock = Stopwatch.StartNew();
            string key;
            await using (var content = path.OpenRead())
            {
                // The same safe drop as mlops run: written under an in-progress name, then moved into incoming/.
                key = await UploadDrop.DropAsync(services.GetRequiredService<IObjectStore>(), parse.GetValue(dataset)!, path.Name, content, ct);
            }

            var uploadSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var outcome = await services.GetRequiredService<DatasetIngestor>().IngestAsync(key, parse.GetValue(label), ct);
            var timing = new IngestTiming(path.Length, uploadSeconds, clock.Elapsed.TotalSeconds);
            if (parse.GetValue(json))
            {
                Print.Json(new IngestResult(outcome.Version, outcome.Reused, outcome.Rejection, timing));
            }
            else if (Print.IngestionOutcome(outcome, Console.Out))
            {
                Console.WriteLine($"ingest      {timing.IngestSeconds:0.00} s for {timing.SizeBytes / 1e6:0.0} MB: {timing.IngestMegabytesPerSecond:0.0} MB/s (copy into incoming/ {timing.UploadSeconds:0.00} s)");
            }

            return outcome.Accepted ? 0 : 2;
        }));
        return command;
    }
}
