using System.Text;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;
using Record = MlopsServerless.Core.Storage.Records.Record;

namespace MlopsServerless.Core.Tests.Storage.Records;

/// <summary>
/// What every <see cref="IRecordStore"/> must do. Each store derives from this class and overrides <see cref="CreateStore"/>
/// with its own type as the return type (the guard test, <c>RecordStoreContractGuardTests</c>, reads it to fail when a
/// store has no suite). Every test works on a fresh, empty store.
/// </summary>
public abstract class RecordStoreContract
{
    protected const string Table = "contract";
    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>A fresh, empty store for one test. Override with the store's own return type.</summary>
    protected abstract IRecordStore CreateStore();

    protected static Record Rec(string rowKey, string document = "{}", IReadOnlyDictionary<string, string>? properties = null, string partitionKey = "p") =>
        new(partitionKey, rowKey, document, properties);

    protected static Dictionary<string, string> Props(params (string Name, string Value)[] properties) =>
        properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    private static async Task<MlopsException> FailsWith(ErrorCode code, Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<MlopsException>(action);
        Assert.Equal(code, e.Code);
        return e;
    }

    private async Task<List<Record>> AllAsync(IRecordStore store, RecordQuery query)
    {
        var all = new List<Record>();
        await foreach (var record in store.QueryAllAsync(Table, query, Ct))
        {
            all.Add(record);
        }

        return all;
    }

    // ---- point reads and single writes -------------------------------------------------------------------------------

    [Fact]
    public virtual async Task GetAsync_Missing_ReturnsNull()
    {
        var store = CreateStore();
        Assert.Null(await store.GetAsync(Table, "p", "nothing", Ct));
    }

    [Fact]
    public virtual async Task InsertAsync_ThenGet_ReturnsDocumentPropertiesAndTheSameETag()
    {
        var store = CreateStore();
        var etag = await store.InsertAsync(Table, Rec("r1", "{\"x\":1}", Props(("Status", "done"), ("Dataset", "churn"))), Ct);

        var read = await store.GetAsync(Table, "p", "r1", Ct);

        Assert.NotNull(read);
        Assert.Equal(("p", "r1", "{\"x\":1}"), (read.PartitionKey, read.RowKey, read.Document));
        Assert.Equal(Props(("Status", "done"), ("Dataset", "churn")), read.PropertiesOrEmpty.ToDictionary());
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public virtual async Task InsertAsync_NoProperties_ReadsBackEmptyPropertiesAndEmptyDocument()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, Rec("r1", ""), Ct);

        var read = await store.GetAsync(Table, "p", "r1", Ct);

        Assert.Equal("", read!.Document);
        Assert.Empty(read.PropertiesOrEmpty);
    }

    [Fact]
    public virtual async Task InsertAsync_Existing_ThrowsConflictAndKeepsTheOriginal()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, Rec("r1", "original"), Ct);

        await FailsWith(ErrorCode.Conflict, () => store.InsertAsync(Table, Rec("r1", "other"), Ct));

        Assert.Equal("original", (await store.GetAsync(Table, "p", "r1", Ct))!.Document);
    }

    [Fact]
    public virtual async Task UpsertAsync_Missing_Creates()
    {
        var store = CreateStore();
        var etag = await store.UpsertAsync(Table, Rec("r1", "one"), Ct);

        var read = await store.GetAsync(Table, "p", "r1", Ct);
        Assert.Equal(("one", etag), (read!.Document, read.ETag));
    }

    [Fact]
    public virtual async Task UpsertAsync_Existing_ReplacesDocumentAndAllPropertiesAndChangesTheETag()
    {
        var store = CreateStore();
        var first = await store.InsertAsync(Table, Rec("r1", "one", Props(("Status", "running"), ("Model", "m"))), Ct);

        var second = await store.UpsertAsync(Table, Rec("r1", "two", Props(("Status", "done"))), Ct);

        var read = await store.GetAsync(Table, "p", "r1", Ct);
        Assert.NotEqual(first, second);
        Assert.Equal(("two", second), (read!.Document, read.ETag));
        Assert.Equal(Props(("Status", "done")), read.PropertiesOrEmpty.ToDictionary());
    }

    [Fact]
    public virtual async Task ReplaceAsync_CurrentETag_ReplacesAndReturnsTheNewETag()
    {
        var store = CreateStore();
        var etag = await store.InsertAsync(Table, Rec("r1", "v1"), Ct);

        var next = await store.ReplaceAsync(Table, Rec("r1", "v2"), etag, Ct);

        var read = await store.GetAsync(Table, "p", "r1", Ct);
        Assert.NotEqual(etag, next);
        Assert.Equal(("v2", next), (read!.Document, read.ETag));
    }

    [Fact]
    public virtual async Task ReplaceAsync_StaleETag_ThrowsConflictAndKeepsTheNewer()
    {
        var store = CreateStore();
        var stale = await store.InsertAsync(Table, Rec("r1", "v1"), Ct);
        await store.ReplaceAsync(Table, Rec("r1", "v2"), stale, Ct);

        await FailsWith(ErrorCode.Conflict, () => store.ReplaceAsync(Table, Rec("r1", "v3"), stale, Ct));

        Assert.Equal("v2", (await store.GetAsync(Table, "p", "r1", Ct))!.Document);
    }

    [Fact]
    public virtual async Task ReplaceAsync_Missing_ThrowsConflictAndCreatesNothing()
    {
        var store = CreateStore();
        var etag = await store.InsertAsync(Table, Rec("other"), Ct);

        await FailsWith(ErrorCode.Conflict, () => store.ReplaceAsync(Table, Rec("r1"), etag, Ct));
        await FailsWith(ErrorCode.Conflict, () => store.ReplaceAsync(Table, Rec("r1"), RecordOperation.AnyETag, Ct));

        Assert.Null(await store.GetAsync(Table, "p", "r1", Ct));
    }

    [Fact]
    public virtual async Task ReplaceAsync_AnyETagOnExisting_Replaces()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, Rec("r1", "v1"), Ct);

        await store.ReplaceAsync(Table, Rec("r1", "v2"), RecordOperation.AnyETag, Ct);

        Assert.Equal("v2", (await store.GetAsync(Table, "p", "r1", Ct))!.Document);
    }

    [Fact]
    public virtual async Task ReplaceAsync_ETagFromAQuery_Works()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, Rec("r1", "v1"), Ct);
        var listed = Assert.Single((await store.QueryAsync(Table, new RecordQuery("p"), Ct)).Records);

        var next = await store.ReplaceAsync(Table, Rec("r1", "v2"), listed.ETag!, Ct);

        Assert.Equal(next, (await store.GetAsync(Table, "p", "r1", Ct))!.ETag);
    }

    [Fact]
    public virtual async Task ReplaceAsync_TwoWritersReadTheSameVersion_ExactlyOneWinsAndItsDocumentStays()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, Rec("r1", "base"), Ct);
        var readByA = (await store.GetAsync(Table, "p", "r1", Ct))!;
        var readByB = (await store.GetAsync(Table, "p", "r1", Ct))!;

        var writes = new[] { ("A", readByA.ETag!), ("B", readByB.ETag!) }.Select(async w =>
        {
            try
            {
                await store.ReplaceAsync(Table, Rec("r1", "written by " + w.Item1), w.Item2, Ct);
                return (Writer: w.Item1, Error: (MlopsException?)null);
            }
            catch (MlopsException e)
            {
                return (Writer: w.Item1, Error: e);
            }
        });
        var results = await Task.WhenAll(writes);

        var winner = Assert.Single(results, r => r.Error is null);
        var loser = Assert.Single(results, r => r.Error is not null);
        Assert.Equal(ErrorCode.Conflict, loser.Error!.Code);
        Assert.Equal("written by " + winner.Writer, (await store.GetAsync(Table, "p", "r1", Ct))!.Document);
    }

    [Fact]
    public virtual async Task ReplaceAsync_TwentyParallelIncrementsWithRetry_EndAtExactlyTwenty()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, Rec("counter", "0"), Ct);

        async Task IncrementAsync()
        {
            while (true)
            {
                var current = (await store.GetAsync(Table, "p", "counter", Ct))!;
                try
                {
                    await store.ReplaceAsync(Table, Rec("counter", (int.Parse(current.Document) + 1).ToString()), current.ETag!, Ct);
                    return;
                }
                catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
                {
                    // Someone else incremented first: read again.
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(IncrementAsync)));

        Assert.Equal("20", (await store.GetAsync(Table, "p", "counter", Ct))!.Document);
    }

    [Fact]
    public virtual async Task TryDeleteAsync_CurrentETag_DeletesTheRecord()
    {
        var store = CreateStore();
        var etag = await store.InsertAsync(Table, Rec("r1"), Ct);

        Assert.True(await store.TryDeleteAsync(Table, "p", "r1", etag, Ct));

        Assert.Null(await store.GetAsync(Table, "p", "r1", Ct));
    }

    [Fact]
    public virtual async Task TryDeleteAsync_StaleETag_ReturnsFalseAndKeepsTheRecord()
    {
        var store = CreateStore();
        var stale = await store.InsertAsync(Table, Rec("r1", "v1"), Ct);
        await store.ReplaceAsync(Table, Rec("r1", "v2"), stale, Ct);

        Assert.False(await store.TryDeleteAsync(Table, "p", "r1", stale, Ct));

        Assert.Equal("v2", (await store.GetAsync(Table, "p", "r1", Ct))!.Document);
    }

    [Fact]
    public virtual async Task TryDeleteAsync_AnyETag_DeletesWhateverVersionAndIsFalseWhenGone()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, Rec("r1"), Ct);

        Assert.True(await store.TryDeleteAsync(Table, "p", "r1", RecordOperation.AnyETag, Ct));
        Assert.False(await store.TryDeleteAsync(Table, "p", "r1", RecordOperation.AnyETag, Ct));

        Assert.Null(await store.GetAsync(Table, "p", "r1", Ct));
    }

    [Fact]
    public virtual async Task InsertAsync_SameKeysInAnotherTableOrPartition_AreSeparateRecords()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, Rec("r1", "a"), Ct);
        await store.InsertAsync("contractother", Rec("r1", "b"), Ct);
        await store.InsertAsync(Table, Rec("r1", "c", partitionKey: "q"), Ct);

        Assert.Equal("a", (await store.GetAsync(Table, "p", "r1", Ct))!.Document);
        Assert.Equal("b", (await store.GetAsync("contractother", "p", "r1", Ct))!.Document);
        Assert.Equal("c", (await store.GetAsync(Table, "q", "r1", Ct))!.Document);
    }

    [Fact]
    public virtual async Task InsertAsync_KeysAndValuesWithQuotesSpacesAndAccents_RoundTripAndQuery()
    {
        var store = CreateStore();
        const string partition = "o'brien's \"model\" é";
        await store.InsertAsync(Table, Rec("it's a key", "{}", Props(("Owner", "o'brien' or 1 eq 1")), partition), Ct);
        await store.InsertAsync(Table, Rec("it's other", "{}", Props(("Owner", "someone")), partition), Ct);

        Assert.NotNull(await store.GetAsync(Table, partition, "it's a key", Ct));
        var byPrefix = await AllAsync(store, new RecordQuery(partition).WithPrefix("it's a"));
        var byFilter = await AllAsync(store, new RecordQuery(partition) { Filters = Props(("Owner", "o'brien' or 1 eq 1")) });

        Assert.Equal(["it's a key"], byPrefix.Select(r => r.RowKey));
        Assert.Equal(["it's a key"], byFilter.Select(r => r.RowKey));
    }

    // ---- large documents ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(300_000)]
    [InlineData(RecordKeys.MaxDocumentLength)]
    public virtual async Task UpsertAsync_LargeDocument_RoundTripsExactly(int length)
    {
        var store = CreateStore();
        // Non-ASCII characters and a pattern that does not repeat at any 32K boundary, so a misplaced split shows.
        var builder = new StringBuilder(length);
        for (var i = 0; builder.Length < length; i++)
        {
            builder.Append(i % 7 == 0 ? 'é' : (char)('a' + (i % 26)));
        }

        var document = builder.ToString();
        await store.UpsertAsync(Table, Rec("big", document, Props(("Kind", "big"))), Ct);

        var read = await store.GetAsync(Table, "p", "big", Ct);
        Assert.Equal(document, read!.Document);
        Assert.Equal(Props(("Kind", "big")), read.PropertiesOrEmpty.ToDictionary());
        Assert.Equal(document, Assert.Single((await store.QueryAsync(Table, new RecordQuery("p"), Ct)).Records).Document);
    }

    [Fact]
    public virtual async Task UpsertAsync_LargeDocumentOfCharactersBeyondTheBasicPlane_RoundTripsExactly()
    {
        var store = CreateStore();
        // One leading character shifts every surrogate pair so that pairs straddle each 32K-character boundary.
        var document = "x" + string.Concat(Enumerable.Repeat("\U0001F600", 60_000));

        await store.UpsertAsync(Table, Rec("emoji", document), Ct);

        Assert.Equal(document, (await store.GetAsync(Table, "p", "emoji", Ct))!.Document);
    }

    [Fact]
    public virtual async Task UpsertAsync_LargeDocumentReplacedBySmall_LeavesNoTrailingParts()
    {
        var store = CreateStore();
        await store.UpsertAsync(Table, Rec("r1", new string('x', 100_000)), Ct);

        await store.UpsertAsync(Table, Rec("r1", "small"), Ct);

        Assert.Equal("small", (await store.GetAsync(Table, "p", "r1", Ct))!.Document);
    }

    [Fact]
    public virtual async Task UpsertAsync_DocumentOverTheLimit_ThrowsInvalidArgumentAndWritesNothing()
    {
        var store = CreateStore();

        await FailsWith(ErrorCode.InvalidArgument, () => store.UpsertAsync(Table, Rec("big", new string('x', RecordKeys.MaxDocumentLength + 1)), Ct));

        Assert.Null(await store.GetAsync(Table, "p", "big", Ct));
    }

    // ---- queries -----------------------------------------------------------------------------------------------------

    [Fact]
    public virtual async Task QueryAsync_EmptyPartition_ReturnsAnEmptyLastPage()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, Rec("r1", partitionKey: "other"), Ct);

        var page = await store.QueryAsync(Table, new RecordQuery("p"), Ct);

        Assert.Empty(page.Records);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public virtual async Task QueryAsync_260RecordsInPagesOfSeven_ReturnsEveryRecordOnceInRowKeyOrder()
    {
        var store = CreateStore();
        var keys = Enumerable.Range(0, 260).Select(i => $"k-{i * 7919 % 1000:D4}").ToList();
        await WriteAsync(store, keys.Select(k => Rec(k, "{\"k\":\"" + k + "\"}")));
        await WriteAsync(store, new[] { "a", "z" }.Select(k => Rec(k, partitionKey: "neighbour")));

        var seen = new List<string>();
        var query = new RecordQuery("p") { PageSize = 7 };
        var pages = 0;
        while (true)
        {
            var page = await store.QueryAsync(Table, query, Ct);
            Assert.True(page.Records.Count <= 7, $"a page of {page.Records.Count} records for page size 7");
            Assert.All(page.Records, r => Assert.Equal("{\"k\":\"" + r.RowKey + "\"}", r.Document));
            seen.AddRange(page.Records.Select(r => r.RowKey));
            pages++;
            if (page.ContinuationToken is null)
            {
                break;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), seen);
        Assert.True(pages >= 38, $"{pages} pages for 260 records of at most 7");
    }

    [Fact]
    public virtual async Task QueryAsync_RowKeyRange_IsHalfOpen()
    {
        var store = CreateStore();
        await WriteAsync(store, new[] { "a", "b", "b0", "c", "c0", "d" }.Select(k => Rec(k)));

        var page = await store.QueryAsync(Table, new RecordQuery("p") { RowKeyFrom = "b", RowKeyTo = "c0" }, Ct);
        var from = await store.QueryAsync(Table, new RecordQuery("p") { RowKeyFrom = "c" }, Ct);
        var to = await store.QueryAsync(Table, new RecordQuery("p") { RowKeyTo = "b0" }, Ct);

        Assert.Equal(["b", "b0", "c"], page.Records.Select(r => r.RowKey));
        Assert.Equal(["c", "c0", "d"], from.Records.Select(r => r.RowKey));
        Assert.Equal(["a", "b"], to.Records.Select(r => r.RowKey));
    }

    [Fact]
    public virtual async Task QueryAsync_Prefix_ReturnsExactlyTheKeysStartingWithIt()
    {
        var store = CreateStore();
        var inside = new[] { "v-", "v-0000000000000000001", "v-0000000000000000002", "v-~", "v-é" };
        await WriteAsync(store, inside.Concat(["v", "v.", "v_", "u-9", "w-", "V-1", "a-0001"]).Select(k => Rec(k)));

        var all = await AllAsync(store, new RecordQuery("p").WithPrefix("v-"));

        Assert.Equal(inside.Order(StringComparer.Ordinal), all.Select(r => r.RowKey));
    }

    [Fact]
    public virtual async Task QueryAsync_KeysBeyondTheBasicPlane_SortInUtf16OrdinalOrderAndMatchPrefixes()
    {
        var store = CreateStore();
        // UTF-16 ordinal order (what .NET's ordinal comparer and RecordKeys.PrefixEnd assume) puts a surrogate pair
        // (U+1F600) before U+E000 and U+FF01; UTF-8 byte order would put it after them and outside the prefix range.
        var keys = new[] { "v-a", "v-\U0001F600", "v-\uE000", "v-\uFF01", "v-\U0001F600b" };
        await WriteAsync(store, keys.Select(k => Rec(k)).Append(Rec("w")));

        var all = await AllAsync(store, new RecordQuery("p").WithPrefix("v-"));

        Assert.Equal(keys.Order(StringComparer.Ordinal), all.Select(r => r.RowKey));
    }

    [Fact]
    public virtual async Task QueryAsync_NewestFirstKeys_ListNewestFirst()
    {
        var store = CreateStore();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await WriteAsync(store, Enumerable.Range(0, 5).Select(i => Rec("t-" + RecordKeys.NewestFirst(start.AddMinutes(i)), i.ToString())));

        var all = await AllAsync(store, new RecordQuery("p").WithPrefix("t-"));

        Assert.Equal(["4", "3", "2", "1", "0"], all.Select(r => r.Document));
    }

    [Fact]
    public virtual async Task QueryAsync_EqualityFilters_MatchAllOfThemAndNeverARecordLackingTheProperty()
    {
        var store = CreateStore();
        await WriteAsync(store,
        [
            Rec("r1", properties: Props(("Status", "failed"), ("Dataset", "churn"))),
            Rec("r2", properties: Props(("Status", "failed"), ("Dataset", "iris"))),
            Rec("r3", properties: Props(("Status", "done"), ("Dataset", "churn"))),
            Rec("r4", properties: Props(("Dataset", "churn"))),
            Rec("r5", properties: Props(("Status", ""), ("Dataset", "churn"))),
            Rec("r6", properties: Props(("Status", "Failed"), ("Dataset", "churn"))),
            Rec("r7"),
        ]);

        var failedChurn = await AllAsync(store, new RecordQuery("p") { Filters = Props(("Status", "failed"), ("Dataset", "churn")) });
        var emptyStatus = await AllAsync(store, new RecordQuery("p") { Filters = Props(("Status", "")) });
        var churn = await AllAsync(store, new RecordQuery("p") { Filters = Props(("Dataset", "churn")) });
        var unknown = await AllAsync(store, new RecordQuery("p") { Filters = Props(("Trigger", "manual")) });

        Assert.Equal(["r1"], failedChurn.Select(r => r.RowKey));
        Assert.Equal(["r5"], emptyStatus.Select(r => r.RowKey));
        Assert.Equal(["r1", "r3", "r4", "r5", "r6"], churn.Select(r => r.RowKey));
        Assert.Empty(unknown);
    }

    [Fact]
    public virtual async Task QueryAsync_FilterRangeAndSmallPages_ReturnEveryMatchOnceInOrder()
    {
        var store = CreateStore();
        var records = Enumerable.Range(0, 150)
            .Select(i => Rec($"r-{i:D3}", properties: Props(("Status", i % 3 == 0 ? "failed" : "done"))))
            .Append(Rec("s-000", properties: Props(("Status", "failed"))))
            .ToList();
        await WriteAsync(store, records);

        var seen = new List<string>();
        var query = new RecordQuery("p") { Filters = Props(("Status", "failed")), PageSize = 4 }.WithPrefix("r-");
        while (true)
        {
            var page = await store.QueryAsync(Table, query, Ct);
            Assert.True(page.Records.Count <= 4);
            seen.AddRange(page.Records.Select(r => r.RowKey));
            if (page.ContinuationToken is null)
            {
                break;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }

        Assert.Equal(Enumerable.Range(0, 150).Where(i => i % 3 == 0).Select(i => $"r-{i:D3}"), seen);
    }

    [Fact]
    public virtual async Task QueryPageAsync_PageSizeAcrossEarlyEndedPages_ReturnsFullPagesAndResumes()
    {
        var store = CreateStore();
        await WriteAsync(store, Enumerable.Range(0, 25).Select(i => Rec($"r-{i:D2}")));

        var first = await store.QueryPageAsync(Table, new RecordQuery("p"), 10, Ct);
        var second = await store.QueryPageAsync(Table, new RecordQuery("p") { ContinuationToken = first.ContinuationToken }, 10, Ct);
        var third = await store.QueryPageAsync(Table, new RecordQuery("p") { ContinuationToken = second.ContinuationToken }, 10, Ct);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"r-{i:D2}"), first.Records.Concat(second.Records).Concat(third.Records).Select(r => r.RowKey));
        Assert.Null(third.ContinuationToken);
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("bm9wZQ")]
    [InlineData("cjE6")]
    [InlineData("a1.bm9wZQ")]
    [InlineData("%%%")]
    public virtual async Task QueryAsync_BogusContinuationToken_ThrowsInvalidArgument(string token)
    {
        var store = CreateStore();
        await WriteAsync(store, Enumerable.Range(0, 3).Select(i => Rec($"r{i}")));

        await FailsWith(ErrorCode.InvalidArgument, () => store.QueryAsync(Table, new RecordQuery("p") { ContinuationToken = token }, Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(RecordQuery.MaxPageSize + 1)]
    public virtual async Task QueryAsync_PageSizeOutOfRange_ThrowsInvalidArgument(int pageSize)
    {
        var store = CreateStore();
        await FailsWith(ErrorCode.InvalidArgument, () => store.QueryAsync(Table, new RecordQuery("p") { PageSize = pageSize }, Ct));
    }

    // ---- batches -----------------------------------------------------------------------------------------------------

    [Fact]
    public virtual async Task ExecuteAsync_MixedBatch_AppliesEveryOperationAndReturnsETagsInOrder()
    {
        var store = CreateStore();
        var toReplace = await store.InsertAsync(Table, Rec("replace", "old"), Ct);
        var toDelete = await store.InsertAsync(Table, Rec("delete"), Ct);

        var etags = await store.ExecuteAsync(Table,
        [
            RecordOperation.Insert(Rec("insert", "new")),
            RecordOperation.Upsert(Rec("upsert", "new")),
            RecordOperation.Replace(Rec("replace", "new"), toReplace),
            RecordOperation.Delete("p", "delete", toDelete),
        ], Ct);

        Assert.Equal(4, etags.Count);
        Assert.Null(etags[3]);
        Assert.Equal(etags[0], (await store.GetAsync(Table, "p", "insert", Ct))!.ETag);
        Assert.Equal(etags[1], (await store.GetAsync(Table, "p", "upsert", Ct))!.ETag);
        Assert.Equal(etags[2], (await store.GetAsync(Table, "p", "replace", Ct))!.ETag);
        Assert.Equal("new", (await store.GetAsync(Table, "p", "replace", Ct))!.Document);
        Assert.Null(await store.GetAsync(Table, "p", "delete", Ct));
    }

    [Theory]
    [InlineData(RecordOperationKind.Insert)]
    [InlineData(RecordOperationKind.Replace)]
    [InlineData(RecordOperationKind.Delete)]
    public virtual async Task ExecuteAsync_ThirdOperationsConditionFails_WritesNothingAndTheConflictNamesIt(RecordOperationKind kind)
    {
        var store = CreateStore();
        var stale = await store.InsertAsync(Table, Rec("c", "v1"), Ct);
        var current = await store.ReplaceAsync(Table, Rec("c", "v2"), stale, Ct);
        var kept = await store.InsertAsync(Table, Rec("b", "kept"), Ct);
        var third = kind switch
        {
            RecordOperationKind.Insert => RecordOperation.Insert(Rec("c", "v3")),
            RecordOperationKind.Replace => RecordOperation.Replace(Rec("c", "v3"), stale),
            _ => RecordOperation.Delete("p", "c", stale),
        };

        var e = await FailsWith(ErrorCode.Conflict, () => store.ExecuteAsync(Table,
        [
            RecordOperation.Insert(Rec("a", "new")),
            RecordOperation.Upsert(Rec("b", "changed")),
            third,
            RecordOperation.Insert(Rec("d", "new")),
        ], Ct));

        Assert.Contains("Operation 2 ", e.Message, StringComparison.Ordinal);
        Assert.Contains("/c'", e.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(Table, "p", "a", Ct));
        Assert.Null(await store.GetAsync(Table, "p", "d", Ct));
        Assert.Equal(("kept", kept), ((await store.GetAsync(Table, "p", "b", Ct))!.Document, (await store.GetAsync(Table, "p", "b", Ct))!.ETag));
        Assert.Equal(("v2", current), ((await store.GetAsync(Table, "p", "c", Ct))!.Document, (await store.GetAsync(Table, "p", "c", Ct))!.ETag));
    }

    [Fact]
    public virtual async Task ExecuteAsync_HundredOperations_AreApplied()
    {
        var store = CreateStore();

        var etags = await store.ExecuteAsync(Table, Enumerable.Range(0, RecordKeys.MaxBatchOperations).Select(i => RecordOperation.Upsert(Rec($"r{i:D3}"))).ToList(), Ct);

        Assert.Equal(RecordKeys.MaxBatchOperations, etags.Count(e => e is not null));
        Assert.Equal(RecordKeys.MaxBatchOperations, (await AllAsync(store, new RecordQuery("p"))).Count);
    }

    public static TheoryData<string> InvalidBatches => ["empty", "two partitions", "same row twice", "over 100", "bad record"];

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public virtual async Task ExecuteAsync_BatchBreakingTheRules_ThrowsInvalidArgumentAndWritesNothing(string rule)
    {
        var store = CreateStore();
        List<RecordOperation> operations = rule switch
        {
            "empty" => [],
            "two partitions" => [RecordOperation.Insert(Rec("a")), RecordOperation.Insert(Rec("b", partitionKey: "q"))],
            "same row twice" => [RecordOperation.Insert(Rec("a")), RecordOperation.Upsert(Rec("a", "again"))],
            "over 100" => Enumerable.Range(0, RecordKeys.MaxBatchOperations + 1).Select(i => RecordOperation.Upsert(Rec($"a{i:D3}"))).ToList(),
            _ => [RecordOperation.Insert(Rec("a")), RecordOperation.Insert(Rec("b", properties: Props(("Bad Name", "x"))))],
        };

        await FailsWith(ErrorCode.InvalidArgument, () => store.ExecuteAsync(Table, operations, Ct));

        Assert.Empty(await AllAsync(store, new RecordQuery("p")));
        Assert.Empty(await AllAsync(store, new RecordQuery("q")));
    }

    // ---- validation --------------------------------------------------------------------------------------------------

    public static TheoryData<string> InvalidKeys => ["", "a/b", "a\\b", "a#b", "a?b", "a\u0001b", "tab\there", "new\nline", new string('k', RecordKeys.MaxKeyLength + 1)];

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public virtual async Task AnyCall_InvalidKey_ThrowsInvalidArgument(string key)
    {
        var store = CreateStore();

        await FailsWith(ErrorCode.InvalidArgument, () => store.GetAsync(Table, "p", key, Ct));
        await FailsWith(ErrorCode.InvalidArgument, () => store.GetAsync(Table, key, "r", Ct));
        await FailsWith(ErrorCode.InvalidArgument, () => store.InsertAsync(Table, Rec(key), Ct));
        await FailsWith(ErrorCode.InvalidArgument, () => store.InsertAsync(Table, Rec("r", partitionKey: key), Ct));
        await FailsWith(ErrorCode.InvalidArgument, () => store.QueryAsync(Table, new RecordQuery(key), Ct));
        Assert.Empty(await AllAsync(store, new RecordQuery("p")));
    }

    [Fact]
    public virtual async Task AnyCall_LongestAllowedKey_Works()
    {
        var store = CreateStore();
        var key = new string('k', RecordKeys.MaxKeyLength);

        await store.InsertAsync(Table, Rec(key, partitionKey: key), Ct);

        Assert.NotNull(await store.GetAsync(Table, key, key, Ct));
    }

    [Theory]
    [InlineData("Bad Name")]
    [InlineData("1abc")]
    [InlineData("a_b")]
    [InlineData("PartitionKey")]
    [InlineData("rowkey")]
    [InlineData("Timestamp")]
    [InlineData("Document")]
    [InlineData("ETag")]
    [InlineData("odata")]
    [InlineData("")]
    public virtual async Task InsertOrQuery_InvalidPropertyName_ThrowsInvalidArgument(string name)
    {
        var store = CreateStore();

        await FailsWith(ErrorCode.InvalidArgument, () => store.InsertAsync(Table, Rec("r", properties: Props((name, "x"))), Ct));
        await FailsWith(ErrorCode.InvalidArgument, () => store.QueryAsync(Table, new RecordQuery("p") { Filters = Props((name, "x")) }, Ct));
        Assert.Null(await store.GetAsync(Table, "p", "r", Ct));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1table")]
    [InlineData("bad-name")]
    public virtual async Task AnyCall_InvalidTableName_ThrowsInvalidArgument(string table)
    {
        var store = CreateStore();

        await FailsWith(ErrorCode.InvalidArgument, () => store.GetAsync(table, "p", "r", Ct));
        await FailsWith(ErrorCode.InvalidArgument, () => store.InsertAsync(table, Rec("r"), Ct));
        await FailsWith(ErrorCode.InvalidArgument, () => store.QueryAsync(table, new RecordQuery("p"), Ct));
    }

    [Fact]
    public virtual async Task InsertAsync_TooManyOrTooLongProperties_ThrowsInvalidArgument()
    {
        var store = CreateStore();
        var many = Enumerable.Range(0, RecordKeys.MaxProperties + 1).ToDictionary(i => $"P{i}", _ => "x");

        await FailsWith(ErrorCode.InvalidArgument, () => store.InsertAsync(Table, Rec("r", properties: many), Ct));
        await FailsWith(ErrorCode.InvalidArgument, () => store.InsertAsync(Table, Rec("r", properties: Props(("Long", new string('x', RecordKeys.MaxPropertyLength + 1)))), Ct));
        Assert.Null(await store.GetAsync(Table, "p", "r", Ct));
    }

    private async Task WriteAsync(IRecordStore store, IEnumerable<Record> records)
    {
        foreach (var partition in records.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(RecordKeys.MaxBatchOperations))
            {
                await store.ExecuteAsync(Table, chunk.Select(RecordOperation.Upsert).ToList(), Ct);
            }
        }
    }
}
