using System.Text;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests.Storage;

/// <summary>
/// What every <see cref="IObjectStore"/> must do. Each backend derives from this class; the guard test in
/// <see cref="ObjectStoreContractGuardTests"/> fails when a backend is left without the suite.
/// </summary>
public abstract class ObjectStoreContractTests
{
    private readonly CancellationToken _ct = CancellationToken.None;

    /// <summary>A fresh, empty store for one test.</summary>
    protected abstract IObjectStore CreateStore();

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredObject? o) => Encoding.UTF8.GetString(o!.Content.Span);

    [Fact]
    public virtual async Task GetAsync_MissingKey_ReturnsNull()
    {
        var store = CreateStore();
        Assert.Null(await store.GetAsync("nothing/here.json", _ct));
        Assert.Null(await store.OpenReadAsync("nothing/here.json", _ct));
    }

    [Fact]
    public virtual async Task PutAsync_ThenGet_ReturnsContentAndSameETag()
    {
        var store = CreateStore();
        var etag = await store.PutAsync("a/b/c.json", Bytes("{\"x\":1}"), WriteCondition.None, _ct);
        var read = await store.GetAsync("a/b/c.json", _ct);
        Assert.Equal("{\"x\":1}", Text(read));
        Assert.Equal(etag, read!.ETag);
    }

    [Fact]
    public virtual async Task PutAsync_Overwrite_ChangesETag()
    {
        var store = CreateStore();
        var first = await store.PutAsync("k.txt", Bytes("one"), WriteCondition.None, _ct);
        var second = await store.PutAsync("k.txt", Bytes("two"), WriteCondition.None, _ct);
        Assert.NotEqual(first, second);
        Assert.Equal("two", Text(await store.GetAsync("k.txt", _ct)));
    }

    [Fact]
    public virtual async Task PutAsync_IfNotExistsOnExisting_ThrowsConflictAndKeepsOriginal()
    {
        var store = CreateStore();
        await store.PutAsync("k.txt", Bytes("original"), WriteCondition.IfNotExists, _ct);
        var e = await Assert.ThrowsAsync<MlopsException>(() => store.PutAsync("k.txt", Bytes("other"), WriteCondition.IfNotExists, _ct));
        Assert.Equal(ErrorCode.Conflict, e.Code);
        Assert.Equal("original", Text(await store.GetAsync("k.txt", _ct)));
    }

    [Fact]
    public virtual async Task PutAsync_IfMatchWithCurrentETag_Succeeds()
    {
        var store = CreateStore();
        var etag = await store.PutAsync("k.txt", Bytes("v1"), WriteCondition.None, _ct);
        var next = await store.PutAsync("k.txt", Bytes("v2"), WriteCondition.IfETagMatches(etag), _ct);
        Assert.NotEqual(etag, next);
        Assert.Equal("v2", Text(await store.GetAsync("k.txt", _ct)));
    }

    [Fact]
    public virtual async Task PutAsync_IfMatchWithStaleETag_ThrowsConflictAndKeepsNewer()
    {
        var store = CreateStore();
        var stale = await store.PutAsync("k.txt", Bytes("v1"), WriteCondition.None, _ct);
        await store.PutAsync("k.txt", Bytes("v2"), WriteCondition.IfETagMatches(stale), _ct);
        var e = await Assert.ThrowsAsync<MlopsException>(() => store.PutAsync("k.txt", Bytes("v3"), WriteCondition.IfETagMatches(stale), _ct));
        Assert.Equal(ErrorCode.Conflict, e.Code);
        Assert.Equal("v2", Text(await store.GetAsync("k.txt", _ct)));
    }

    [Fact]
    public virtual async Task PutAsync_IfMatchOnMissing_ThrowsConflict()
    {
        var store = CreateStore();
        var etag = await store.PutAsync("k.txt", Bytes("v1"), WriteCondition.None, _ct);
        await store.DeleteAsync("k.txt", _ct);
        var e = await Assert.ThrowsAsync<MlopsException>(() => store.PutAsync("k.txt", Bytes("v2"), WriteCondition.IfETagMatches(etag), _ct));
        Assert.Equal(ErrorCode.Conflict, e.Code);
    }

    [Fact]
    public virtual async Task ConcurrentReadModifyWrite_WithIfMatchRetry_LosesNoUpdate()
    {
        var store = CreateStore();
        await store.PutAsync("counter", Bytes("0"), WriteCondition.None, _ct);
        const int writers = 8;
        const int incrementsEach = 5;

        async Task IncrementAsync()
        {
            for (var i = 0; i < incrementsEach; i++)
            {
                while (true)
                {
                    var current = await store.GetAsync("counter", _ct);
                    var value = int.Parse(Text(current));
                    try
                    {
                        await store.PutAsync("counter", Bytes((value + 1).ToString()), WriteCondition.IfETagMatches(current!.ETag), _ct);
                        break;
                    }
                    catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
                    {
                        // Someone else wrote first: read again and re-apply, as every ETag-guarded writer must.
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(IncrementAsync)));
        Assert.Equal((writers * incrementsEach).ToString(), Text(await store.GetAsync("counter", _ct)));
    }

    [Fact]
    public virtual async Task ConcurrentIfNotExists_ExactlyOneWins()
    {
        var store = CreateStore();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.PutAsync("claim", Bytes($"writer-{i}"), WriteCondition.IfNotExists, _ct);
                return true;
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
            {
                return false;
            }
        })));
        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public virtual async Task PutStreamAsync_LargeContent_RoundTrips()
    {
        var store = CreateStore();
        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(data);
        using (var source = new MemoryStream(data))
        {
            await store.PutStreamAsync("big/blob.bin", source, WriteCondition.IfNotExists, _ct);
        }

        await using var read = await store.OpenReadAsync("big/blob.bin", _ct);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy, _ct);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public virtual async Task AppendAsync_CreatesThenAppends_InOrder()
    {
        var store = CreateStore();
        await store.AppendAsync("log/a.jsonl", Bytes("one\n"), _ct);
        await store.AppendAsync("log/a.jsonl", Bytes("two\n"), _ct);
        Assert.Equal("one\ntwo\n", Text(await store.GetAsync("log/a.jsonl", _ct)));
    }

    [Fact]
    public virtual async Task AppendAsync_Concurrent_KeepsEveryRecordWhole()
    {
        var store = CreateStore();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.AppendAsync("log/b.jsonl", Bytes($"record-{i:00}\n"), _ct))));
        var lines = Text(await store.GetAsync("log/b.jsonl", _ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"record-{i:00}"), lines.Order());
    }

    [Fact]
    public virtual async Task ListAsync_ByPrefix_ReturnsOnlyMatchingKeysInOrdinalOrder()
    {
        var store = CreateStore();
        foreach (var key in new[] { "datasets/b/2/m.json", "datasets/a/1/m.json", "datasets/a/1/data.csv", "models/x/registry.json", "datasets-other/z" })
        {
            await store.PutAsync(key, Bytes(key), WriteCondition.None, _ct);
        }

        var keys = new List<string>();
        await foreach (var item in store.ListAsync("datasets/", _ct))
        {
            keys.Add(item.Key);
            Assert.Equal(item.Key.Length, item.Length);
        }

        Assert.Equal(new[] { "datasets/a/1/data.csv", "datasets/a/1/m.json", "datasets/b/2/m.json" }, keys);
    }

    [Fact]
    public virtual async Task ListAsync_MissingPrefix_IsEmpty()
    {
        var store = CreateStore();
        await foreach (var _ in store.ListAsync("nothing/", _ct))
        {
            Assert.Fail("expected no objects");
        }
    }

    [Fact]
    public virtual async Task DeleteAsync_IsIdempotent()
    {
        var store = CreateStore();
        await store.PutAsync("k.txt", Bytes("x"), WriteCondition.None, _ct);
        Assert.True(await store.DeleteAsync("k.txt", _ct));
        Assert.False(await store.DeleteAsync("k.txt", _ct));
        Assert.Null(await store.GetAsync("k.txt", _ct));
    }

    [Fact]
    public virtual async Task DeleteIfMatchAsync_Unchanged_DeletesIt()
    {
        var store = CreateStore();
        var etag = await store.PutAsync("incoming/a.csv", Bytes("x"), WriteCondition.None, _ct);
        Assert.True(await store.DeleteIfMatchAsync("incoming/a.csv", etag, _ct));
        Assert.Null(await store.GetAsync("incoming/a.csv", _ct));
        Assert.False(await store.DeleteIfMatchAsync("incoming/a.csv", etag, _ct));
    }

    [Fact]
    public virtual async Task DeleteIfMatchAsync_RewrittenSinceRead_KeepsTheNewBytes()
    {
        var store = CreateStore();
        var read = await store.PutAsync("incoming/a.csv", Bytes("first part"), WriteCondition.None, _ct);
        await store.PutAsync("incoming/a.csv", Bytes("first part, then more"), WriteCondition.None, _ct);
        Assert.False(await store.DeleteIfMatchAsync("incoming/a.csv", read, _ct));
        Assert.Equal("first part, then more", Text(await store.GetAsync("incoming/a.csv", _ct)));
    }

    [Fact]
    public virtual async Task GetInfoAsync_ReturnsLengthAndTheETagOfTheLastWrite()
    {
        var store = CreateStore();
        Assert.Null(await store.GetInfoAsync("k.txt", _ct));
        var etag = await store.PutAsync("k.txt", Bytes("12345"), WriteCondition.None, _ct);
        var info = await store.GetInfoAsync("k.txt", _ct);
        Assert.Equal(5, info!.Length);
        Assert.Equal(etag, info.ETag);
        Assert.Equal("k.txt", info.Key);
    }

    [Fact]
    public virtual async Task MoveAsync_ToNewKey_MovesTheBytesAndRemovesTheSource()
    {
        var store = CreateStore();
        await store.PutAsync("staging/x", Bytes("payload"), WriteCondition.None, _ct);
        var etag = await store.MoveAsync("staging/x", "datasets/d/1/data.csv", WriteCondition.IfNotExists, _ct);
        var moved = await store.GetAsync("datasets/d/1/data.csv", _ct);
        Assert.Equal("payload", Text(moved));
        Assert.Equal(etag, moved!.ETag);
        Assert.Null(await store.GetAsync("staging/x", _ct));
    }

    [Fact]
    public virtual async Task MoveAsync_IfNotExistsOnExisting_ThrowsConflictAndKeepsBoth()
    {
        var store = CreateStore();
        await store.PutAsync("staging/x", Bytes("new"), WriteCondition.None, _ct);
        await store.PutAsync("target", Bytes("old"), WriteCondition.None, _ct);
        var e = await Assert.ThrowsAsync<MlopsException>(() => store.MoveAsync("staging/x", "target", WriteCondition.IfNotExists, _ct));
        Assert.Equal(ErrorCode.Conflict, e.Code);
        Assert.Equal("old", Text(await store.GetAsync("target", _ct)));
        Assert.Equal("new", Text(await store.GetAsync("staging/x", _ct)));
    }

    [Fact]
    public virtual async Task MoveAsync_OverExistingUnconditionally_ReplacesItWithANewETag()
    {
        var store = CreateStore();
        var old = await store.PutAsync("target", Bytes("old"), WriteCondition.None, _ct);
        await store.PutAsync("staging/x", Bytes("new"), WriteCondition.None, _ct);
        var etag = await store.MoveAsync("staging/x", "target", WriteCondition.None, _ct);
        Assert.NotEqual(old, etag);
        Assert.Equal("new", Text(await store.GetAsync("target", _ct)));
    }

    [Fact]
    public virtual async Task MoveAsync_MissingSource_IsNotFound()
    {
        var store = CreateStore();
        var e = await Assert.ThrowsAsync<MlopsException>(() => store.MoveAsync("staging/none", "target", WriteCondition.None, _ct));
        Assert.Equal(ErrorCode.NotFound, e.Code);
        Assert.Null(await store.GetAsync("target", _ct));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("/absolute")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    public virtual async Task PutAsync_KeyThatCouldEscape_IsRejected(string key)
    {
        var store = CreateStore();
        var e = await Assert.ThrowsAsync<MlopsException>(() => store.PutAsync(key, Bytes("x"), WriteCondition.None, _ct));
        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }
}
