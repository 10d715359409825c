using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Cli.Tests;

/// <summary>The hosts around ingestion: the watcher survives any one file, and a crash of <c>mlops serve</c> is an exit code.</summary>
public sealed class UploadHostingTests : IDisposable
{
    private readonly TempDataDir _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ScanAsync_OneUploadFailsUnexpectedly_OthersAreProcessedAndItIsLeftAndNotRetriedUntilItChanges()
    {
        var store = new ExplodingStore(new FileSystemObjectStore(_data.Path), "incoming/shop/boom.csv");
        var services = new ServiceCollection().AddLogging().AddEmbeddedDefault(_data.Path, null);
        services.AddSingleton<IObjectStore>(store);
        services.AddSingleton<TimeProvider>(new MinuteAhead());
        await using var provider = services.BuildServiceProvider();
        var csv = Encoding.UTF8.GetBytes(ChurnSample.Generate(200, 1).Replace("churned", "label", StringComparison.Ordinal));
        await store.PutAsync("incoming/shop/boom.csv", csv, WriteCondition.None, default);
        await store.PutAsync("incoming/shop/fine.csv", csv, WriteCondition.None, default);
        var watcher = new UploadWatcher(store, provider.GetRequiredService<UploadProcessor>(), provider.GetRequiredService<AbandonedUploadSweep>(), provider.GetRequiredService<TimeProvider>(), NullLogger<UploadWatcher>.Instance);

        await watcher.ScanAsync(default);
        await watcher.ScanAsync(default);

        Assert.NotNull(await store.GetAsync("incoming/shop/boom.csv", default));
        Assert.Null(await store.GetAsync("incoming/shop/fine.csv", default));
        Assert.Single(await store.ListAllAsync("datasets/shop/", default), i => i.Key.EndsWith("/manifest.json", StringComparison.Ordinal));
        Assert.Equal(1, store.Opens("incoming/shop/boom.csv"));
    }

    [Fact]
    public async Task ScanAsync_FileStillBeingWrittenUnderAnInProgressName_IsNotTouched()
    {
        var store = new FileSystemObjectStore(_data.Path);
        var services = new ServiceCollection().AddLogging().AddEmbeddedDefault(_data.Path, null);
        services.AddSingleton<TimeProvider>(new MinuteAhead());
        await using var provider = services.BuildServiceProvider();
        await store.PutAsync("incoming/shop/week.csv.part", "half a fi"u8.ToArray(), WriteCondition.None, default);
        var watcher = new UploadWatcher(store, provider.GetRequiredService<UploadProcessor>(), provider.GetRequiredService<AbandonedUploadSweep>(), provider.GetRequiredService<TimeProvider>(), NullLogger<UploadWatcher>.Instance);

        await watcher.ScanAsync(default);

        Assert.NotNull(await store.GetAsync("incoming/shop/week.csv.part", default));
        Assert.Empty(await store.ListAllAsync("quarantine/", default));
    }

    [Fact]
    public async Task ScanAsync_ADayAfterAnIngestDied_DeletesItsStagingCopyOnceAnHour()
    {
        var store = new FileSystemObjectStore(_data.Path);
        var clock = new Shifted(AbandonedUploadSweep.MaxAge + TimeSpan.FromMinutes(5));
        var services = new ServiceCollection().AddLogging().AddEmbeddedDefault(_data.Path, null);
        services.AddSingleton<TimeProvider>(clock);
        await using var provider = services.BuildServiceProvider();
        await store.PutAsync("staging/0f1e2d3c4b5a69788796a5b4c3d2e1f0", "a,b\n"u8.ToArray(), WriteCondition.None, default);
        var watcher = new UploadWatcher(store, provider.GetRequiredService<UploadProcessor>(), provider.GetRequiredService<AbandonedUploadSweep>(), clock, NullLogger<UploadWatcher>.Instance);

        await watcher.ScanAsync(default);
        await store.PutAsync("staging/1f1e2d3c4b5a69788796a5b4c3d2e1f0", "a,b\n"u8.ToArray(), WriteCondition.None, default);
        await watcher.ScanAsync(default);

        // The first scan swept; the second, within the hour, did not look again.
        Assert.Equal(["staging/1f1e2d3c4b5a69788796a5b4c3d2e1f0"], (await store.ListAllAsync("staging/", default)).Select(i => i.Key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_BackgroundServiceCrashes_ReturnsOne(bool afterStart)
    {
        await using var app = LocalServer.Build(_data.Path, port: 0, watch: false, LogLevel.None, s => s.AddHostedService(sp => new Crasher(sp.GetRequiredService<IHostApplicationLifetime>(), afterStart)));

        var code = await LocalServer.RunAsync(app, () => { }, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.Equal(1, code);
    }

    [Fact]
    public async Task RunAsync_OrdinaryStop_ReturnsZero()
    {
        await using var app = LocalServer.Build(_data.Path, port: 0, watch: false, LogLevel.None);

        Assert.Equal(0, await LocalServer.RunAsync(app, app.Lifetime.StopApplication, default));
    }

    private sealed class Crasher(IHostApplicationLifetime lifetime, bool afterStart) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            if (afterStart)
            {
                var started = new TaskCompletionSource();
                using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
                await started.Task.WaitAsync(stoppingToken);
            }

            await Task.Yield();
            throw new InvalidOperationException("a bug in a background service");
        }
    }

    private sealed class Shifted(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    private sealed class MinuteAhead : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddMinutes(1);
    }

    /// <summary>Throws a non-Mlops exception when one key is opened (a bug, a library failure), and counts opens.</summary>
    private sealed class ExplodingStore(IObjectStore inner, string explodes) : IObjectStore
    {
        private readonly ConcurrentDictionary<string, int> _opens = new();

        public int Opens(string key) => _opens.GetValueOrDefault(key);

        public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
        {
            _opens.AddOrUpdate(key, 1, (_, n) => n + 1);
            return key == explodes ? throw new InvalidOperationException("JSON value of length 209715297 is too large") : inner.OpenReadAsync(key, cancellationToken);
        }

        public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken) =>
            inner.PutAsync(key, content, condition, cancellationToken);

        public Task<string> PutStreamAsync(string key, Stream content, WriteCondition condition, CancellationToken cancellationToken) =>
            inner.PutStreamAsync(key, content, condition, cancellationToken);

        public Task AppendAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.AppendAsync(key, content, cancellationToken);

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public Task<bool> DeleteIfMatchAsync(string key, string etag, CancellationToken cancellationToken) => inner.DeleteIfMatchAsync(key, etag, cancellationToken);

        public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public Task<string> MoveAsync(string sourceKey, string destinationKey, WriteCondition condition, CancellationToken cancellationToken) =>
            inner.MoveAsync(sourceKey, destinationKey, condition, cancellationToken);
    }
}
