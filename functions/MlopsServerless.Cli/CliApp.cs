using System.CommandLine;
using MlopsServerless.Cli.Commands;
using MlopsServerless.MLNet;

namespace MlopsServerless.Cli;

/// <summary>The <c>mlops</c> command line: the embedded default's front door.</summary>
internal static class CliApp
{
    public static RootCommand Create()
    {
        // train and bench read the trainer catalog without a service container; the DI hosts call AddMlopsMLNet too.
        MlNetAlgorithms.Register();
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "The embedded store's root (incoming/, datasets/, models/, runs/ ...).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MLOPS_DATA_DIR") is { Length: > 0 } d ? d : "./.mlops",
            Recursive = true,
        };
        var root = new RootCommand("mlops: version data, train, register, serve and monitor models — locally or on Azure.");
        root.Options.Add(dataDir);
        root.Subcommands.Add(DemoCommand.Create(dataDir));
        root.Subcommands.Add(ServeCommand.Create(dataDir));
        root.Subcommands.Add(RunCommand.Create(dataDir));
        root.Subcommands.Add(IngestCommand.Create(dataDir));
        root.Subcommands.Add(StartCommand.Create(dataDir));
        root.Subcommands.Add(PredictCommand.Create(dataDir));
        root.Subcommands.Add(ModelsCommand.Create(dataDir));
        root.Subcommands.Add(DatasetsCommand.Create(dataDir));
        root.Subcommands.Add(RunsCommand.Create(dataDir));
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(DriftCommand.Create(dataDir));
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(FeedbackCommand.Create(dataDir));
        root.Subcommands.Add(PerformanceCommand.Create(dataDir));
        return root;
    }
}
