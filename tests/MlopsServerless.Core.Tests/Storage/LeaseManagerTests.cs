using MlopsServerless.Core.Storage.Leases;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests.Storage;

public sealed class LeaseManagerTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new();
    private readonly SqliteRecordStore _store;
    private readonly LeaseManager _first;
    private readonly LeaseManager _second;

    public LeaseManagerTests()
    {
        _store = new SqliteRecordStore(Path.Combine(_folder.Path, ".metadata", "records.db"));
        _first = new LeaseManager(_store, _time);
        _second = new LeaseManager(_store, _time);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TryAcquireAsync_HeldByAnother_ReturnsNull()
    {
        await using var held = await _first.TryAcquireAsync("upload:a", Duration, default);

        Assert.NotNull(held);
        Assert.Null(await _second.TryAcquireAsync("upload:a", Duration, default));
        Assert.Equal(_first.Holder, (await _second.GetAsync("upload:a", default))!.Holder);
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByThisProcess_ReturnsNullUntilReleased()
    {
        var held = await _first.TryAcquireAsync("run:r1", Duration, default);
        Assert.NotNull(held);

        Assert.Null(await _first.TryAcquireAsync("run:r1", Duration, default));

        await held.DisposeAsync();
        await using var again = await _first.TryAcquireAsync("run:r1", Duration, default);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task TryAcquireAsync_OwnRecordLeftByAFailedRelease_IsTakenBackAtOnceButStillKeepsOthersOut()
    {
        var held = await _first.TryAcquireAsync("run:r1", Duration, default);
        Assert.NotNull(held);
        // Another write moves the record's ETag (as a renewal that timed out on the client does), so the release fails.
        var record = await _store.QueryAllAsync(RecordTables.Leases, new RecordQuery("leases"), default).SingleAsync();
        await _store.ReplaceAsync(RecordTables.Leases, record, record.ETag!, default);
        await held.DisposeAsync();
        Assert.Equal(_first.Holder, (await _first.GetAsync("run:r1", default))!.Holder);

        await using var again = await _first.TryAcquireAsync("run:r1", Duration, default);

        Assert.NotNull(again);
        Assert.Null(await _second.TryAcquireAsync("run:r1", Duration, default));
    }

    [Fact]
    public async Task TryAcquireAsync_Concurrently_ExactlyOneWins()
    {
        var managers = Enumerable.Range(0, 6).Select(_ => new LeaseManager(_store, _time)).ToList();

        var leases = await Task.WhenAll(managers.Select(m => Task.Run(() => m.TryAcquireAsync("run:r1", Duration, default))));

        Assert.Single(leases, l => l is not null);
    }

    [Fact]
    public async Task TryAcquireAsync_HolderStoppedRenewing_IsTakenOverAfterExpiryAndTheOldHolderLearnsItLost()
    {
        var dead = await _first.TryAcquireAsync("run:r1", Duration, default);

        _time.Advance(Duration - TimeSpan.FromSeconds(1));
        Assert.Null(await _second.TryAcquireAsync("run:r1", Duration, default));
        _time.Advance(TimeSpan.FromSeconds(2));
        await using var taken = await _second.TryAcquireAsync("run:r1", Duration, default);

        Assert.NotNull(taken);
        Assert.False(await dead!.RenewAsync(default));
        Assert.True(dead.Lost.IsCancellationRequested);
        await dead.DisposeAsync();
        Assert.Equal(_second.Holder, (await _second.GetAsync("run:r1", default))!.Holder);
    }

    [Fact]
    public async Task RenewAsync_BeforeExpiry_KeepsOthersOut()
    {
        await using var held = await _first.TryAcquireAsync("run:r1", Duration, default);

        _time.Advance(TimeSpan.FromSeconds(25));
        Assert.True(await held!.RenewAsync(default));
        _time.Advance(TimeSpan.FromSeconds(25));

        Assert.Null(await _second.TryAcquireAsync("run:r1", Duration, default));
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), held.Record.ExpiresAt);
    }

    [Fact]
    public async Task KeepRenewing_RenewsEveryThirdOfTheDuration()
    {
        await using var held = (await _first.TryAcquireAsync("run:r1", Duration, default))!.KeepRenewing();

        for (var i = 1; i <= 4; i++)
        {
            var before = (await _first.GetAsync("run:r1", default))!.ExpiresAt;
            await WaitUntilAsync(() => Task.FromResult(_time.RequestedDelays.Count >= i));
            _time.Advance(Duration / 3);
            await WaitUntilAsync(async () => (await _first.GetAsync("run:r1", default))!.ExpiresAt > before);
        }

        // Four periods (40 s) after a 30 s lease was taken, it is still ours.
        Assert.Null(await _second.TryAcquireAsync("run:r1", Duration, default));
    }

    [Fact]
    public async Task DisposeAsync_ReleasesSoAnotherAcquiresAtOnce()
    {
        var held = await _first.TryAcquireAsync("upload:a", Duration, default);
        await held!.DisposeAsync();

        await using var next = await _second.TryAcquireAsync("upload:a", Duration, default);

        Assert.NotNull(next);
    }

    [Fact]
    public async Task DisposeAsync_AfterTakeover_DoesNotReleaseTheNewHoldersLease()
    {
        var old = await _first.TryAcquireAsync("upload:a", Duration, default);
        _time.Advance(Duration + TimeSpan.FromSeconds(1));
        await using var taken = await _second.TryAcquireAsync("upload:a", Duration, default);

        await old!.DisposeAsync();

        Assert.Equal(_second.Holder, (await _second.GetAsync("upload:a", default))!.Holder);
    }

    /// <summary>Waits for the renewal the fake clock just triggered to land (it runs on the thread pool); fails after 10 s.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the renewal loop did not get there");
            await Task.Yield();
        }
    }
}
