using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests.Storage;

public sealed class FileSystemObjectStoreTests : ObjectStoreContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override IObjectStore CreateStore() => new FileSystemObjectStore(_folder.Path);

    [Fact]
    public async Task ListAsync_NeverShowsTemporaryOrLockFiles()
    {
        var store = CreateStore();
        await store.PutAsync("a.txt", "x"u8.ToArray(), WriteCondition.None, CancellationToken.None);
        var keys = new List<string>();
        await foreach (var item in store.ListAsync("", CancellationToken.None))
        {
            keys.Add(item.Key);
        }

        Assert.Equal(new[] { "a.txt" }, keys);
    }

    [Fact]
    public async Task PutStreamAsync_PastSeveralDiskFlushes_KeepsEveryByteInOrder()
    {
        // 32 MiB is where the store flushes to disk mid-copy: this crosses two flushes and ends between reads.
        var store = CreateStore();
        var data = new byte[(70 << 20) + 12_345];
        new Random(11).NextBytes(data);
        using (var source = new MemoryStream(data))
        {
            await store.PutStreamAsync("big/flushed.bin", source, WriteCondition.None, CancellationToken.None);
        }

        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "big", "flushed.bin")));
    }

    public void Dispose() => _folder.Dispose();
}
