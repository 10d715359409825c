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

    public void Dispose() => _folder.Dispose();
}
