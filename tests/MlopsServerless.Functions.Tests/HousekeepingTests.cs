using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;
using MlopsServerless.Functions.Ingestion;

namespace MlopsServerless.Functions.Tests;

public sealed class HousekeepingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mlops-housekeeping-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunAsync_StagingCopyOfAnIngestThatDiedADayAgo_IsDeleted()
    {
        var store = new FileSystemObjectStore(_root);
        await store.PutAsync("staging/0f1e2d3c4b5a69788796a5b4c3d2e1f0", "a,b\n1,2\n"u8.ToArray(), WriteCondition.None, default);
        await store.PutAsync("incoming/shop/week.csv", "a,b\n1,2\n"u8.ToArray(), WriteCondition.None, default);
        File.SetLastWriteTimeUtc(Path.Combine(_root, "staging", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"), DateTime.UtcNow - AbandonedUploadSweep.MaxAge - TimeSpan.FromHours(1));
        var function = new Housekeeping(new AbandonedUploadSweep(store, TimeProvider.System, NullLogger<AbandonedUploadSweep>.Instance));

        await function.RunAsync(new TimerInfo(), default);

        Assert.Empty(await store.ListAllAsync(StorageLayout.StagingPrefix, default));
        Assert.NotNull(await store.GetInfoAsync("incoming/shop/week.csv", default));
    }
}
