using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests;

/// <summary>
/// <see cref="CoreServiceCollectionExtensions.AddMlopsCore"/> with the five services a host adds, as the embedded default
/// adds them (file store and SQLite records in <paramref name="folder"/>), no events and a launcher that only records.
/// </summary>
public static class CoreContainer
{
    public static ServiceCollection Services(string folder)
    {
        var services = new ServiceCollection();
        services.AddLogging().AddMlopsCore();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IObjectStore>(new FileSystemObjectStore(folder));
        services.AddSingleton<IRecordStore>(new SqliteRecordStore(Path.Combine(folder, ".metadata", "records.db")));
        services.AddSingleton<IEventPublisher, NoEvents>();
        services.AddSingleton<IPipelineLauncher, RecordingLauncher>();
        return services;
    }

    private sealed class NoEvents : IEventPublisher
    {
        public Task PublishAsync(MlopsEvent mlopsEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
