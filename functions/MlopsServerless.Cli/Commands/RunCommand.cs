using System.CommandLine;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Cli.Commands;

/// <summary><c>mlops run FILE</c>: upload a CSV, version it, train, evaluate and register, showing each step.</summary>
internal static class RunCommand
{
    public static Command Create(Option<string> dataDir)
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV to upload." };
        var dataset = new Option<string?>("--dataset") { Description = "Dataset name (defaults to the file name without extension)." };
        var label = new Option<string?>("--label") { Description = "The label column, for a new dataset (default 'label')." };
        var command = new Command("run", "Upload a CSV and run the whole pipeline on it, with live per-step progress.") { file, dataset, label };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw MlopsException.InvalidArgument($"There is no file '{path.FullName}'.");
            }

            var name = parse.GetValue(dataset) ?? Path.GetFileNameWithoutExtension(path.Name);
            await using var services = LocalServices.ForCommand(parse.GetValue(dataDir)!);
            await using var content = path.OpenRead();
            var (outcome, run) = await UploadAndTrain.RunAsync(services, content, name, path.Name, parse.GetValue(label), Console.Out, ct);
            if (run is null)
            {
                return 2;
            }

            Print.RunSummary(run);
            return run.Status == PipelineStatus.Completed ? 0 : 1;
        }));
        return command;
    }
}
