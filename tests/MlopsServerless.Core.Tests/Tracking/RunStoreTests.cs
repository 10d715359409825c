using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Tests.Tracking;

public sealed class RunStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static PipelineRun Run(string id, string dataset, PipelineStatus status, int minute) =>
        new(id, dataset, "v1", dataset, new PipelineConfig(), status, Start.AddMinutes(minute), Start.AddMinutes(minute), null, "test");

    private async Task<List<List<string>>> AllPagesAsync(string? dataset, PipelineStatus? status, int size)
    {
        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var page = await _h.Runs.ListAsync(dataset, status, size, token, CoreHarness.None);
            pages.Add(page.Runs.Select(r => r.Id).ToList());
            token = page.NextPageToken;
        }
        while (token is not null);

        return pages;
    }

    private async Task SeedAsync()
    {
        await _h.Runs.CreateAsync(Run("churn-1", "churn", PipelineStatus.Completed, 1), CoreHarness.None);
        await _h.Runs.CreateAsync(Run("churn-2", "churn", PipelineStatus.Failed, 2), CoreHarness.None);
        await _h.Runs.CreateAsync(Run("churn-3", "churn", PipelineStatus.Completed, 3), CoreHarness.None);
        await _h.Runs.CreateAsync(Run("fraud-1", "fraud", PipelineStatus.Completed, 4), CoreHarness.None);
        await _h.Runs.CreateAsync(Run("fraud-2", "fraud", PipelineStatus.Running, 5), CoreHarness.None);
    }

    [Fact]
    public async Task ListAsync_DatasetAsTheUserNamedIt_FindsTheRunsOfItsStoredName()
    {
        var stored = ObjectKey.SafeName("q3 churn (final)");
        await _h.Runs.CreateAsync(Run("q3-1", stored, PipelineStatus.Completed, 1), CoreHarness.None);
        await _h.Runs.CreateAsync(Run("other-1", "churn", PipelineStatus.Completed, 2), CoreHarness.None);

        var byGivenName = await _h.Runs.ListAsync("q3 churn (final)", null, 10, null, CoreHarness.None);
        var byStoredName = await _h.Runs.ListAsync(stored, null, 10, null, CoreHarness.None);

        Assert.Equal(["q3-1"], byGivenName.Runs.Select(r => r.Id));
        Assert.Equal(["q3-1"], byStoredName.Runs.Select(r => r.Id));
    }

    [Fact]
    public async Task ListAsync_NoFilter_NewestFirst()
    {
        await SeedAsync();

        var page = await _h.Runs.ListAsync(null, null, 50, null, CoreHarness.None);

        Assert.Equal(["fraud-2", "fraud-1", "churn-3", "churn-2", "churn-1"], page.Runs.Select(r => r.Id));
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task ListAsync_FiltersByDatasetAndStatus()
    {
        await SeedAsync();

        Assert.Equal(["churn-3", "churn-2", "churn-1"], (await _h.Runs.ListAsync("churn", null, 50, null, CoreHarness.None)).Runs.Select(r => r.Id));
        Assert.Equal(["fraud-1", "churn-3", "churn-1"], (await _h.Runs.ListAsync(null, PipelineStatus.Completed, 50, null, CoreHarness.None)).Runs.Select(r => r.Id));
        Assert.Equal(["churn-3", "churn-1"], (await _h.Runs.ListAsync("churn", PipelineStatus.Completed, 50, null, CoreHarness.None)).Runs.Select(r => r.Id));
        Assert.Empty((await _h.Runs.ListAsync("none", null, 50, null, CoreHarness.None)).Runs);
    }

    [Fact]
    public async Task ListAsync_Pages_VisitEveryRunOnceInOrder()
    {
        await SeedAsync();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;

        do
        {
            var page = await _h.Runs.ListAsync(null, null, 2, token, CoreHarness.None);
            Assert.InRange(page.Runs.Count, 1, 2);
            seen.AddRange(page.Runs.Select(r => r.Id));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["fraud-2", "fraud-1", "churn-3", "churn-2", "churn-1"], seen);
    }

    [Fact]
    public async Task ListAsync_FilteredPages_CoverOnlyMatchingRuns()
    {
        await SeedAsync();

        var first = await _h.Runs.ListAsync("churn", null, 2, null, CoreHarness.None);
        var second = await _h.Runs.ListAsync("churn", null, 2, first.NextPageToken, CoreHarness.None);

        Assert.Equal(["churn-3", "churn-2"], first.Runs.Select(r => r.Id));
        Assert.Equal(["churn-1"], second.Runs.Select(r => r.Id));
        Assert.Null(second.NextPageToken);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("1.5")]
    public async Task ListAsync_BadPageToken_IsInvalidArgument(string token)
    {
        await SeedAsync();

        var error = await Assert.ThrowsAsync<MlopsException>(() => _h.Runs.ListAsync(null, null, 2, token, CoreHarness.None));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task ListAsync_BadPageSize_IsInvalidArgument(int size) =>
        Assert.Equal(ErrorCode.InvalidArgument, (await Assert.ThrowsAsync<MlopsException>(() => _h.Runs.ListAsync(null, null, size, null, CoreHarness.None))).Code);

    [Fact]
    public async Task CreateAsync_SameIdTwice_KeepsTheFirstRecord()
    {
        await _h.Runs.CreateAsync(Run("churn-1", "churn", PipelineStatus.Pending, 1), CoreHarness.None);

        var (run, created) = await _h.Runs.CreateAsync(Run("churn-1", "churn", PipelineStatus.Completed, 9), CoreHarness.None);

        Assert.False(created);
        Assert.Equal(PipelineStatus.Pending, run.Status);
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentChanges_AreAllKept()
    {
        await _h.Runs.CreateAsync(Run("churn-1", "churn", PipelineStatus.Running, 1), CoreHarness.None);

        await Task.WhenAll(Enumerable.Range(1, 6).Select(n => Task.Run(() => _h.Runs.UpdateAsync("churn-1",
            r => r with { Steps = [.. r.Steps, new StepRecord(n, "s", 1, 0, Start)] }, CoreHarness.None))));

        var run = await _h.Runs.GetRequiredAsync("churn-1", CoreHarness.None);
        Assert.Equal(Enumerable.Range(1, 6), run.Steps.Select(s => s.Sequence).Order());
    }

    [Fact]
    public async Task ListAsync_120RunsPagesOf7WithFilters_EveryMatchingRunOnceNewestFirst()
    {
        PipelineStatus[] statuses = [PipelineStatus.Completed, PipelineStatus.Failed, PipelineStatus.Running];
        var all = Enumerable.Range(0, 120)
            .Select(i => Run($"run-{i:D3}", i % 4 == 0 ? "fraud" : "churn", statuses[i % 3], i / 2)) // pairs share a creation time
            .ToList();
        foreach (var run in all.OrderBy(_ => Random.Shared.Next()))
        {
            await _h.Runs.CreateAsync(run, CoreHarness.None);
        }

        foreach (var (dataset, status) in new (string?, PipelineStatus?)[] { (null, null), (null, PipelineStatus.Failed), ("fraud", null), ("churn", PipelineStatus.Running) })
        {
            var expected = all.Where(r => (dataset is null || r.Dataset == dataset) && (status is null || r.Status == status))
                .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();
            var pages = await AllPagesAsync(dataset, status, 7);

            Assert.Equal(expected, pages.SelectMany(p => p));
            Assert.All(pages[..^1], p => Assert.Equal(7, p.Count));
            Assert.InRange(pages[^1].Count, 1, 7);
        }
    }

    [Fact]
    public async Task ListAsync_APage_ReadsOnlyTheRunsOnIt()
    {
        for (var i = 0; i < 60; i++)
        {
            await _h.Runs.CreateAsync(Run($"run-{i:D3}", "churn", PipelineStatus.Completed, i), CoreHarness.None);
        }

        _h.RecordProbe.ResetCounts();
        var page = await _h.Runs.ListAsync("churn", PipelineStatus.Completed, 5, null, CoreHarness.None);

        Assert.Equal(["run-059", "run-058", "run-057", "run-056", "run-055"], page.Runs.Select(r => r.Id));
        Assert.Equal(5, _h.RecordProbe.Gets(RecordTables.Runs));
        Assert.Equal(1, _h.RecordProbe.Queries(RecordTables.Runs));
    }

    [Fact]
    public async Task UpdateAsync_StatusChange_MovesTheRunBetweenFilteredListings()
    {
        await SeedAsync();

        await _h.Runs.UpdateAsync("fraud-2", r => r with { Status = PipelineStatus.Failed, Error = "boom" }, CoreHarness.None);

        Assert.Empty((await _h.Runs.ListAsync(null, PipelineStatus.Running, 50, null, CoreHarness.None)).Runs);
        var failed = (await _h.Runs.ListAsync(null, PipelineStatus.Failed, 50, null, CoreHarness.None)).Runs;
        Assert.Equal(["fraud-2", "churn-2"], failed.Select(r => r.Id));
        Assert.Equal("boom", failed[0].Error);
        Assert.Equal(5, (await _h.Runs.ListAsync(null, null, 50, null, CoreHarness.None)).Runs.Count);
    }

    [Fact]
    public async Task ListAsync_RetryLinks_AreFilterableAndKept()
    {
        await SeedAsync();
        await _h.Runs.CreateAsync(Run("churn-2-retry", "churn", PipelineStatus.Pending, 6) with { RetryOf = "churn-2", Attempt = 2 }, CoreHarness.None);
        await _h.Runs.UpdateAsync("churn-2", r => r with { RetriedBy = "churn-2-retry" }, CoreHarness.None);

        var pending = Assert.Single((await _h.Runs.ListAsync("churn", PipelineStatus.Pending, 50, null, CoreHarness.None)).Runs);
        var failed = Assert.Single((await _h.Runs.ListAsync("churn", PipelineStatus.Failed, 50, null, CoreHarness.None)).Runs);

        Assert.Equal(("churn-2", 2), (pending.RetryOf, pending.Attempt));
        Assert.Equal("churn-2-retry", failed.RetriedBy);
    }

    [Theory]
    [InlineData("72756e73313a")] // the wrapper's prefix with no store token after it
    [InlineData("6f746865723a78")] // well-formed hex of something else
    [InlineData("72756e73313a6e6f742d612d746f6b656e")] // the wrapper around a token the store never gave out
    public async Task ListAsync_ForgedPageToken_IsInvalidArgument(string token)
    {
        await SeedAsync();

        var error = await Assert.ThrowsAsync<MlopsException>(() => _h.Runs.ListAsync(null, null, 2, token, CoreHarness.None));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("pageToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_SameRunConcurrently_CreatesItOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _h.NewRunStore().CreateAsync(Run("churn-1", "churn", PipelineStatus.Pending, 1), CoreHarness.None))));

        Assert.Single(results, r => r.Created);
        Assert.Single((await _h.Runs.ListAsync(null, null, 50, null, CoreHarness.None)).Runs);
    }

    [Fact]
    public async Task GetRequiredAsync_UnknownRun_IsNotFound() =>
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => _h.Runs.GetRequiredAsync("nope", CoreHarness.None))).Code);
}
