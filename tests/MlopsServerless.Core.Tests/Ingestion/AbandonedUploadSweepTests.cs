using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests.Ingestion;

public sealed class AbandonedUploadSweepTests : IDisposable
{
    private const string Staged = "staging/0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string Dropping = "incoming/shop/.0123456789abcdef0123456789abcdef.uploading";
    private const string UsersPart = "incoming/shop/week.csv.part";
    private const string Upload = "incoming/shop/week.csv";
    private const string LookalikeUpload = "incoming/shop/.notours.uploading";

    private readonly TempFolder _folder = new();
    private readonly FileSystemObjectStore _store;

    public AbandonedUploadSweepTests()
    {
        _store = new FileSystemObjectStore(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SweepAsync_ADayAfterTheLastWrite_DeletesStagingCopiesAndDropsInProgressOnly()
    {
        await PutAllAsync();

        var deleted = await Sweep(DateTimeOffset.UtcNow + AbandonedUploadSweep.MaxAge + TimeSpan.FromMinutes(5)).SweepAsync(default);

        Assert.Equal(2, deleted);
        Assert.Null(await _store.GetInfoAsync(Staged, default));
        Assert.Null(await _store.GetInfoAsync(Dropping, default));
        Assert.NotNull(await _store.GetInfoAsync(UsersPart, default));
        Assert.NotNull(await _store.GetInfoAsync(Upload, default));
        Assert.NotNull(await _store.GetInfoAsync(LookalikeUpload, default));
    }

    [Fact]
    public async Task SweepAsync_WithinADayOfTheLastWrite_DeletesNothing()
    {
        await PutAllAsync();

        var deleted = await Sweep(DateTimeOffset.UtcNow + AbandonedUploadSweep.MaxAge - TimeSpan.FromMinutes(5)).SweepAsync(default);

        Assert.Equal(0, deleted);
        Assert.NotNull(await _store.GetInfoAsync(Staged, default));
        Assert.NotNull(await _store.GetInfoAsync(Dropping, default));
    }

    [Fact]
    public async Task SweepAsync_TemporaryFileOfAWriteKilledADayAgo_IsDeletedAndALiveOneKept()
    {
        // What a process killed while copying an upload leaves: the store's temporary file, never listed as an object.
        var temp = Path.Combine(_folder.Path, ".tmp");
        var killed = Path.Combine(temp, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a");
        var live = Path.Combine(temp, "6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b");
        await File.WriteAllBytesAsync(killed, new byte[4096]);
        await File.WriteAllBytesAsync(live, new byte[4096]);
        File.SetLastWriteTimeUtc(killed, DateTime.UtcNow - AbandonedUploadSweep.MaxAge - TimeSpan.FromHours(1));

        var deleted = await Sweep(DateTimeOffset.UtcNow).SweepAsync(default);

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(killed));
        Assert.True(File.Exists(live));
    }

    [Theory]
    [InlineData("incoming/shop/.0123456789abcdef0123456789abcdef.uploading", true)]
    [InlineData("incoming/a/b/.ffffffffffffffffffffffffffffffff.uploading", true)]
    [InlineData("incoming/shop/.0123456789ABCDEF0123456789abcdef.uploading", false)]
    [InlineData("incoming/shop/.0123456789abcdef0123456789abcde.uploading", false)]
    [InlineData("incoming/shop/x0123456789abcdef0123456789abcdef.uploading", false)]
    [InlineData("incoming/shop/.0123456789abcdef0123456789abcdef.part", false)]
    [InlineData("incoming/shop/data.csv", false)]
    public void IsPartial_MatchesOnlyTheNamesUploadDropWrites(string key, bool partial) =>
        Assert.Equal(partial, UploadDrop.IsPartial(key));

    private AbandonedUploadSweep Sweep(DateTimeOffset now) => new(_store, new FakeTimeProvider(now), NullLogger<AbandonedUploadSweep>.Instance);

    private async Task PutAllAsync()
    {
        foreach (var key in (string[])[Staged, Dropping, UsersPart, Upload, LookalikeUpload])
        {
            await _store.PutAsync(key, "a,b\n1,2\n"u8.ToArray(), WriteCondition.None, default);
        }
    }
}
