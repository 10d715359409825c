using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests.Monitoring.Checks;

public sealed class MonitoringSweepTests
{
    [Fact]
    public async Task RunAsync_ModelsWithAndWithoutProduction_ChecksOnlyTheOneInProductionAndReportsItsFailure()
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection().AddLogging().AddMlopsCore();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IObjectStore>(new FileSystemObjectStore(folder.Path));
        services.AddSingleton<IRecordStore>(new SqliteRecordStore(Path.Combine(folder.Path, ".metadata", "records.db")));
        services.AddSingleton<IEventPublisher, NoEvents>();
        services.AddSingleton<IPipelineLauncher, RecordingLauncher>();
        await using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<ModelRegistry>();
        foreach (var name in new[] { "served", "staged" })
        {
            await registry.RegisterAsync(name, new ModelVersionDraft("run-" + name, "d", "v", "logreg", new Dictionary<string, double>(),
                new Dictionary<string, ReadOnlyMemory<byte>>()), CancellationToken.None);
        }

        await registry.SetStageAsync("served", 1, Stage.Production, "test", "serve it", CancellationToken.None);

        var results = await provider.GetRequiredService<MonitoringSweep>().RunAsync(CancellationToken.None);

        // Only the Production model is checked; its version has no training profile, and that failure is reported, not thrown.
        var result = Assert.Single(results);
        Assert.Equal("served", result.Model);
        Assert.Null(result.Pass);
        Assert.Contains("profile", result.Failure, StringComparison.Ordinal);
    }

    private sealed class NoEvents : IEventPublisher
    {
        public Task PublishAsync(MlopsEvent mlopsEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
