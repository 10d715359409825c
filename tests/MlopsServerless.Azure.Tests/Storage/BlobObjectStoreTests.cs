using System.Text;
using Azure.Storage.Blobs;
using MlopsServerless.Azure.Storage;
using MlopsServerless.Azure.Tests.Support;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tests.Storage;

namespace MlopsServerless.Azure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobObjectStoreTests(AzuriteFixture azurite) : ObjectStoreContractTests
{
    private readonly string _container = "t" + Guid.NewGuid().ToString("N");
    private readonly CancellationToken _ct = CancellationToken.None;

    protected override IObjectStore CreateStore() =>
        new BlobObjectStore(new BlobStoreOptions { ConnectionString = azurite.ConnectionString, Container = _container });

    [Fact]
    public async Task PutAsync_FirstUse_CreatesTheContainer()
    {
        var store = CreateStore();
        await store.PutAsync("a.txt", "x"u8.ToArray(), WriteCondition.None, _ct);
        var container = new BlobContainerClient(azurite.ConnectionString, _container);
        Assert.True(await container.ExistsAsync(_ct));
    }

    [Fact]
    public async Task AppendAsync_PredictionLog_IsTaggedForTheRetentionRuleAndOtherLogsAreNot()
    {
        var store = CreateStore();
        var log = StorageLayout.PredictionLog("churn", new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
        await store.AppendAsync(log, "{\"row\":1}\n"u8.ToArray(), _ct);
        await store.AppendAsync(log, "{\"row\":2}\n"u8.ToArray(), _ct);
        await store.AppendAsync("monitoring/churn/retraining.jsonl", "{}\n"u8.ToArray(), _ct);
        var container = new BlobContainerClient(azurite.ConnectionString, _container);

        // Written out here, not taken from StorageLayout: the deployed lifecycle rule (infra) matches these literals.
        var tags = (await container.GetBlobClient(log).GetTagsAsync(cancellationToken: _ct)).Value.Tags;
        var other = (await container.GetBlobClient("monitoring/churn/retraining.jsonl").GetTagsAsync(cancellationToken: _ct)).Value.Tags;

        Assert.Equal("prediction-log", Assert.Single(tags, t => t.Key == "mlops-kind").Value);
        Assert.Empty(other);
        Assert.Equal("{\"row\":1}\n{\"row\":2}\n", Encoding.UTF8.GetString((await store.GetAsync(log, _ct))!.Content.Span));
    }

    [Fact]
    public async Task ListAsync_MixedCaseAndPunctuation_IsOrdinal()
    {
        var store = CreateStore();
        var keys = new[] { "k/~", "k/a", "k/_", "k/B", "k/-", "k/a/b", "k/A0" };
        foreach (var key in keys)
        {
            await store.PutAsync(key, "x"u8.ToArray(), WriteCondition.None, _ct);
        }

        var listed = new List<string>();
        await foreach (var item in store.ListAsync("k/", _ct))
        {
            listed.Add(item.Key);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task ListAsync_ETag_IsTheOnePutReturnedAndIfMatchAcceptsIt()
    {
        var store = CreateStore();
        var etag = await store.PutAsync("e/k.json", "1"u8.ToArray(), WriteCondition.None, _ct);
        var listed = new List<ObjectInfo>();
        await foreach (var item in store.ListAsync("e/", _ct))
        {
            listed.Add(item);
        }

        Assert.Equal(etag, Assert.Single(listed).ETag);
        await store.PutAsync("e/k.json", "2"u8.ToArray(), WriteCondition.IfETagMatches(listed[0].ETag), _ct);
    }

    [Fact]
    public async Task AppendAsync_OverTheBlockLimit_LandsWholeWhileOthersKeepAppending()
    {
        var store = CreateStore();
        var big = new byte[BlobAppender.BlockLimit * 2 + 1000];
        Array.Fill(big, (byte)'B');
        big[^1] = (byte)'\n';
        var bigDone = new TaskCompletionSource();
        var count = 0;

        // Small appenders run for as long as the big append does, so some of them try to land between its blocks.
        var small = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!bigDone.Task.IsCompleted)
            {
                await store.AppendAsync("log/mixed", Encoding.ASCII.GetBytes($"small-{Interlocked.Increment(ref count)}\n"), _ct);
            }
        })).ToList();
        await store.AppendAsync("log/mixed", "first\n"u8.ToArray(), _ct);
        try
        {
            await store.AppendAsync("log/mixed", big, _ct);
        }
        finally
        {
            bigDone.SetResult();
        }

        await Task.WhenAll(small);
        var lines = Encoding.ASCII.GetString((await store.GetAsync("log/mixed", _ct))!.Content.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l == new string('B', big.Length - 1));
        Assert.DoesNotContain(lines, l => l.Contains('B', StringComparison.Ordinal) && l.Length != big.Length - 1);
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"small-{i}").Order(), lines.Where(l => l.StartsWith("small-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task AppendAsync_ToAnObjectWrittenWhole_ThrowsFailedPrecondition()
    {
        var store = CreateStore();
        await store.PutAsync("whole.json", "{}"u8.ToArray(), WriteCondition.None, _ct);
        var e = await Assert.ThrowsAsync<MlopsException>(() => store.AppendAsync("whole.json", "x"u8.ToArray(), _ct));
        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
        Assert.Contains("whole.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_IfNotExistsOnExisting_ConflictNamesTheKey()
    {
        var store = CreateStore();
        await store.PutAsync("models/m/registry.json", "{}"u8.ToArray(), WriteCondition.IfNotExists, _ct);
        var e = await Assert.ThrowsAsync<MlopsException>(
            () => store.PutAsync("models/m/registry.json", "{}"u8.ToArray(), WriteCondition.IfNotExists, _ct));
        Assert.Contains("models/m/registry.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutStreamAsync_NonSeekableStreamOverOneBlock_RoundTripsAndHonoursIfNotExists()
    {
        var store = CreateStore();
        var data = new byte[9 * 1024 * 1024 + 3];
        new Random(11).NextBytes(data);
        await store.PutStreamAsync("big/staged.bin", new ForwardOnlyStream(data), WriteCondition.IfNotExists, _ct);

        var read = await store.GetAsync("big/staged.bin", _ct);
        Assert.Equal(data, read!.Content.ToArray());
        var e = await Assert.ThrowsAsync<MlopsException>(
            () => store.PutStreamAsync("big/staged.bin", new ForwardOnlyStream(data), WriteCondition.IfNotExists, _ct));
        Assert.Equal(ErrorCode.Conflict, e.Code);
    }

    [Fact]
    public async Task GetAsync_ServiceUnreachable_ThrowsUnavailable()
    {
        var closedPort = new BlobStoreOptions
        {
            ConnectionString = azurite.ConnectionString.Replace($":{azurite.BlobPort}/", ":1/", StringComparison.Ordinal),
            Container = _container,
        };
        var client = new BlobServiceClient(closedPort.ConnectionString, new BlobClientOptions { Retry = { MaxRetries = 0 } });
        var store = new BlobObjectStore(client.GetBlobContainerClient(_container));
        var e = await Assert.ThrowsAsync<MlopsException>(() => store.GetAsync("a.txt", _ct));
        Assert.Equal(ErrorCode.Unavailable, e.Code);
    }

    /// <summary>A stream that cannot seek or tell its length, like a request body.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
