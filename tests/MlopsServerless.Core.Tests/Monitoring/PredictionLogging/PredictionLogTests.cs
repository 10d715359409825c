using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests.Monitoring.PredictionLogging;

public sealed class PredictionLogTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 15, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FileSystemObjectStore _store;
    private readonly RecordingRecordStore _records;

    public PredictionLogTests()
    {
        _store = new FileSystemObjectStore(_folder.Path);
        _records = new RecordingRecordStore(new SqliteRecordStore(Path.Combine(_folder.Path, ".metadata", "records.db")));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FlushAsync_TwoRowRequest_WritesOneLinePerRowUnderTheHourKey()
    {
        await using var log = Create(_store);
        var body = JsonSerializer.Deserialize<JsonElement>("[{\"x\":1},{\"x\":2}]");

        Assert.True(log.TryRecord("churn", 3, Noon, 1.5, body, [Row("a", "yes"), Row("b", "no")]));
        await log.FlushAsync(CancellationToken.None);

        var stored = await _store.GetAsync("monitoring/churn/predictions/2026-11-23/12.jsonl", CancellationToken.None);
        Assert.NotNull(stored);
        var lines = System.Text.Encoding.UTF8.GetString(stored.Content.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var rows = await ReadAllAsync(Noon.AddHours(-1), Noon.AddHours(1));
        Assert.Equal(["a", "b"], rows.Select(r => r.PredictionId));
        Assert.Equal(2, rows[1].Input.GetProperty("x").GetInt32());
        Assert.Equal("no", rows[1].Output.Label);
        Assert.Equal(3, rows[0].Version);
        Assert.Equal(new PredictionLogCounters(2, 0, 2, 0, 0), log.Counters);
    }

    [Fact]
    public async Task TryRecord_StoreBlockedAndBufferFull_ReturnsAtOnceAndCountsDrops()
    {
        var gated = new GatedObjectStore(_store);
        await using var log = Create(gated, capacity: 2, maxBatch: 1);
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        Assert.True(log.TryRecord("churn", 1, Noon, 1, Body(), [Row("first", "yes")]));
        await gated.AppendStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The writer now holds "first" and waits on the gate; two fit in the buffer, the rest are dropped.
        var accepted = Enumerable.Range(0, 10).Count(i => log.TryRecord("churn", 1, Noon, 1, Body(), [Row("r" + i, "yes")]));

        Assert.Equal(2, accepted);
        Assert.Equal(8, log.Counters.Dropped);
        gated.Gate.SetResult();
        await log.FlushAsync(CancellationToken.None);
        await stop.CancelAsync();
        await writer;
        Assert.Equal(new PredictionLogCounters(3, 8, 3, 0, 0), log.Counters);
    }

    [Fact]
    public async Task FlushAsync_StoreFails_CountsWriteFailuresWithoutThrowing()
    {
        var gated = new GatedObjectStore(_store) { Fail = true };
        gated.Gate.SetResult();
        await using var log = Create(gated);
        log.TryRecord("churn", 1, Noon, 1, Body(), [Row("a", "yes")]);

        await log.FlushAsync(CancellationToken.None);

        Assert.Equal(new PredictionLogCounters(1, 0, 0, 1, 0), log.Counters);
    }

    [Fact]
    public async Task DisposeAsync_BufferedRows_AreWritten()
    {
        var log = Create(_store);
        log.TryRecord("churn", 1, Noon, 1, Body(), [Row("a", "yes")]);

        await log.DisposeAsync();

        Assert.Single(await ReadAllAsync(Noon.AddDays(-1), Noon.AddDays(1)));
        Assert.False(log.TryRecord("churn", 1, Noon, 1, Body(), [Row("late", "yes")]));
    }

    [Fact]
    public async Task ReadAsync_RowsAcrossDaysAndHours_ReturnsOnlyThoseInsideTheWindow()
    {
        await using var log = Create(_store);
        var times = new[] { Noon.AddDays(-2), Noon.AddHours(-5), Noon.AddMinutes(-1), Noon, Noon.AddMinutes(30), Noon.AddDays(1) };
        for (var i = 0; i < times.Length; i++)
        {
            log.TryRecord("churn", 1, times[i], 1, Body(), [Row("t" + i, "yes")]);
        }

        log.TryRecord("other", 1, Noon, 1, Body(), [Row("elsewhere", "yes")]);
        await log.FlushAsync(CancellationToken.None);

        var rows = await ReadAllAsync(Noon.AddHours(-6), Noon.AddMinutes(30));

        Assert.Equal(["t1", "t2", "t3"], rows.Select(r => r.PredictionId));
    }

    [Fact]
    public void Constructor_SamplingRateAboveOne_IsRejected()
    {
        var e = Assert.Throws<Errors.MlopsException>(() => new PredictionLog(_store, _records, Options.Create(new PredictionLogOptions { SamplingRate = 1.5 }), NullLogger<PredictionLog>.Instance));
        Assert.Equal(Errors.ErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public async Task FlushAsync_LoggedRows_IndexEachIdWithItsVersionAndTimeInBatchesOfAtMost100()
    {
        await using var log = Create(_store, capacity: 1000, maxBatch: 1000);
        var ids = Enumerable.Range(0, 250).Select(_ => PredictionLog.NewId(Noon)).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            log.TryRecord("churn", 3, Noon, 1, Body(), [Row(ids[i], "yes")]);
        }

        await log.FlushAsync(CancellationToken.None);

        Assert.Equal([100, 100, 50], _records.Batches);
        foreach (var id in ids)
        {
            var entry = await _records.GetJsonAsync<PredictionIndexEntry>(RecordTables.Predictions, "churn", id, CancellationToken.None);
            Assert.Equal(new PredictionIndexEntry(3, Noon), entry?.Value);
        }
    }

    [Fact]
    public async Task FlushAsync_AppendFails_IndexesNothing()
    {
        var gated = new GatedObjectStore(_store) { Fail = true };
        gated.Gate.SetResult();
        await using var log = Create(gated);
        var id = PredictionLog.NewId(Noon);
        log.TryRecord("churn", 1, Noon, 1, Body(), [Row(id, "yes")]);

        await log.FlushAsync(CancellationToken.None);

        // The index only ever names rows that are in the log.
        Assert.Empty(_records.Batches);
        Assert.Null(await _records.GetAsync(RecordTables.Predictions, "churn", id, CancellationToken.None));
    }

    [Fact]
    public async Task FlushAsync_IndexWriteFails_KeepsTheLoggedRowsAndCountsThemWritten()
    {
        _records.FailWrites = true;
        await using var log = Create(_store);
        var ids = new[] { PredictionLog.NewId(Noon), PredictionLog.NewId(Noon) };
        log.TryRecord("churn", 1, Noon, 1, Body(), [Row(ids[0], "yes")]);
        log.TryRecord("other", 1, Noon, 1, Body(), [Row(ids[1], "yes")]);

        await log.FlushAsync(CancellationToken.None);

        Assert.Equal(new PredictionLogCounters(2, 0, 2, 0, 0), log.Counters);
        Assert.Equal([ids[0]], (await ReadAllAsync(Noon.AddHours(-1), Noon.AddHours(1))).Select(r => r.PredictionId));
        Assert.Equal(ids[1], Assert.Single((await new PredictionLogReader(_store).FindAsync("other", [ids[1]], CancellationToken.None)).Keys));
    }

    [Fact]
    public async Task TryRecord_BodyDisposedRightAfter_LogsTheRowAsSent()
    {
        await using var log = Create(_store);
        using (var pooled = JsonDocument.Parse("{\"x\":41,\"plan\":\"yearly\"}"))
        {
            // A pooled document's memory is reused once disposed: the log must not read it later.
            Assert.True(log.TryRecord("churn", 1, Noon, 1, pooled.RootElement, [Row("a", "yes")]));
        }

        using (JsonDocument.Parse("{\"x\":99,\"plan\":\"monthly\"}"))
        {
            await log.FlushAsync(CancellationToken.None);
        }

        var row = Assert.Single(await ReadAllAsync(Noon.AddHours(-1), Noon.AddHours(1)));
        Assert.Equal("{\"x\":41,\"plan\":\"yearly\"}", row.Input.GetRawText());
    }

    [Fact]
    public void WriteLine_AnyAnswer_WritesTheBytesTheSerializerWritesForTheRecord()
    {
        var input = JsonSerializer.Deserialize<JsonElement>("{\"tenure\":3.25,\"plan\":\"m\u00e9nsual <b>\",\"gone\":null,\"tags\":[1,true]}");
        RowPrediction[] answers =
        [
            new("yes", null, new Dictionary<string, double> { ["yes"] = 0.7, ["no"] = 0.30000000000000004, ["caf\u00e9 \"q\""] = 1e-300 }, PredictionLog.NewId(Noon)),
            new(null, -12.5, null, PredictionLog.NewId(Noon)),
            new(null, double.NaN, null, null),
            new("x", null, new Dictionary<string, double> { ["a"] = double.PositiveInfinity, ["b"] = double.NegativeInfinity }, "feedback-id"),
        ];
        foreach (var answer in answers)
        {
            var expected = JsonSerializer.SerializeToUtf8Bytes(
                new LoggedPrediction(answer.PredictionId ?? "", "churn", 3, Noon.AddTicks(1234567), 0.123456789, input, answer with { PredictionId = null }),
                MlopsServerless.Core.Serialization.MlopsJson.CompactOptions);
            var written = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(written))
            {
                PredictionLog.WriteLine(writer, "churn", 3, Noon.AddTicks(1234567), 0.123456789, input, answer);
            }

            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(written.WrittenSpan));
        }
    }

    private async Task<List<LoggedPrediction>> ReadAllAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var rows = new List<LoggedPrediction>();
        await foreach (var row in new PredictionLogReader(_store).ReadAsync("churn", from, to, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    private PredictionLog Create(IObjectStore store, int capacity = 100, int maxBatch = 100) =>
        new(store, _records, Options.Create(new PredictionLogOptions { Capacity = capacity, MaxBatch = maxBatch }), NullLogger<PredictionLog>.Instance);

    private static JsonElement Body() => JsonSerializer.Deserialize<JsonElement>("{\"x\":1}");

    private static RowPrediction Row(string id, string label) =>
        new(label, null, new Dictionary<string, double> { ["yes"] = 0.7, ["no"] = 0.3 }, id);
}
