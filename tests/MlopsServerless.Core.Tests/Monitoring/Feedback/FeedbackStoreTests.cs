using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Tests.Monitoring.Retraining;
using MlopsServerless.Core.Training;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests.Monitoring.Feedback;

public sealed class FeedbackStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FileSystemObjectStore _store;
    private readonly SqliteRecordStore _records;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero));
    private readonly ModelRegistry _registry;
    private readonly FeedbackStore _feedback;

    public FeedbackStoreTests()
    {
        _store = new FileSystemObjectStore(_folder.Path);
        _records = new SqliteRecordStore(Path.Combine(_folder.Path, ".metadata", "records.db"));
        _registry = CoreHarness.NewRegistry(_store, _folder.Path, _time);
        _feedback = new FeedbackStore(_store, _records, _registry, new PredictionLogReader(_store), _time);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RecordAsync_SingleAndBatchOnTwoDays_ReadsBackInWindowOldestFirst()
    {
        await RegisterAsync(classes: null);
        var (a, b, c) = (await LogAsync(), await LogAsync(), await LogAsync());
        await _feedback.RecordAsync("churn", Json($$"""{"predictionId":"{{a}}","label":"true"}"""), CancellationToken.None);
        _time.Now += TimeSpan.FromHours(1); // past midnight: the next day's object
        var receipt = await _feedback.RecordAsync("churn", Json($$"""[{"predictionId":"{{b}}","label":false},{"predictionId":"{{c}}","label":2.5}]"""), CancellationToken.None);

        var read = new List<GroundTruth>();
        await foreach (var item in _feedback.ReadAsync("churn", _time.Now.AddDays(-1), _time.Now.AddSeconds(1), CancellationToken.None))
        {
            read.Add(item);
        }

        Assert.Equal(2, receipt.Accepted);
        Assert.Equal([a, b, c], read.Select(r => r.PredictionId));
        Assert.Equal(2.5, read[2].Label.GetDouble());
        Assert.NotNull(await _store.GetAsync("monitoring/churn/feedback/2026-11-24.jsonl", CancellationToken.None));
    }

    [Theory]
    [InlineData("{\"label\":\"true\"}")]
    [InlineData("{\"predictionId\":\"a\"}")]
    [InlineData("{\"predictionId\":\"a\",\"label\":{\"x\":1}}")]
    [InlineData("[]")]
    public async Task RecordAsync_MalformedItem_IsInvalidArgument(string body)
    {
        await RegisterAsync(classes: null);

        var e = await Assert.ThrowsAsync<MlopsException>(() => _feedback.RecordAsync("churn", Json(body), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public async Task RecordAsync_UnknownModel_IsNotFound()
    {
        var e = await Assert.ThrowsAsync<MlopsException>(() => _feedback.RecordAsync("nope", Json("{\"predictionId\":\"a\",\"label\":1}"), CancellationToken.None));

        Assert.Equal(ErrorCode.NotFound, e.Code);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0190a1b2c3d47e5f8a9b0c1d2e3f4a5b")] // a well-formed id no predict call of this model returned
    public async Task RecordAsync_PredictionIdNeverLogged_IsNotFoundAndStoresNothing(string id)
    {
        await RegisterAsync(classes: ["no", "yes"]);
        var logged = await LogAsync();

        var e = await Assert.ThrowsAsync<MlopsException>(() => _feedback.RecordAsync(
            "churn", Json($$"""[{"predictionId":"{{logged}}","label":"yes"},{"predictionId":"{{id}}","label":"no"}]"""), CancellationToken.None));

        Assert.Equal(ErrorCode.NotFound, e.Code);
        Assert.Contains("Item 1", e.Message, StringComparison.Ordinal);
        Assert.Contains(id, e.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAllAsync("monitoring/churn/feedback/", CancellationToken.None));
    }

    [Theory]
    [InlineData("\"maybe\"")]
    [InlineData("true")] // the classes are the user's words, yes and no
    [InlineData("1")]
    public async Task RecordAsync_LabelNotOneOfTheClasses_IsInvalidArgumentListingThem(string label)
    {
        await RegisterAsync(classes: ["no", "yes"]);
        var id = await LogAsync();

        var e = await Assert.ThrowsAsync<MlopsException>(() => _feedback.RecordAsync("churn", Json($$"""{"predictionId":"{{id}}","label":{{label}}}"""), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("\"no\", \"yes\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DamagedLine_IsFailedPreconditionNamingTheKey()
    {
        await _store.PutAsync("monitoring/churn/feedback/2026-11-23.jsonl", "{\"predictionId\":\"a\",\"label\":1,\"receivedAt\":\"2026-11-23T23:00:00Z\"}\n{torn"u8.ToArray(),
            WriteCondition.None, CancellationToken.None);

        var e = await Assert.ThrowsAsync<MlopsException>(async () =>
        {
            await foreach (var _ in _feedback.ReadAsync("churn", _time.Now.AddHours(-2), _time.Now, CancellationToken.None))
            {
            }
        });

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
        Assert.Contains("monitoring/churn/feedback/2026-11-23.jsonl' line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_IndexedIdWhoseLogObjectIsGone_IsAcceptedFromTheIndexAlone()
    {
        await RegisterAsync(classes: ["no", "yes"]);
        var id = await LogAsync();
        Assert.True(await _store.DeleteAsync(StorageLayout.PredictionLog("churn", _time.Now), CancellationToken.None));

        var receipt = await _feedback.RecordAsync("churn", Json($$"""{"predictionId":"{{id}}","label":"yes"}"""), CancellationToken.None);

        Assert.Equal(1, receipt.Accepted);
    }

    [Fact]
    public async Task RecordAsync_IdLoggedWithoutAnIndexEntry_IsFoundInTheLogAndItsVersionsLabelsChecked()
    {
        await RegisterAsync(classes: ["no", "yes"]);
        var id = await LogAsync();
        Assert.True(await _records.TryDeleteAsync(RecordTables.Predictions, "churn", id, RecordOperation.AnyETag, CancellationToken.None));

        var receipt = await _feedback.RecordAsync("churn", Json($$"""{"predictionId":"{{id}}","label":"yes"}"""), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<MlopsException>(() => _feedback.RecordAsync("churn", Json($$"""{"predictionId":"{{id}}","label":"maybe"}"""), CancellationToken.None));

        Assert.Equal(1, receipt.Accepted);
        Assert.Equal(ErrorCode.InvalidArgument, refused.Code);
    }

    [Fact]
    public async Task RecordAsync_IdInTheIndexOfAnotherModel_IsNotFound()
    {
        await RegisterAsync(classes: ["no", "yes"]);
        var id = await LogAsync();
        await _registry.RegisterAsync("other", new ModelVersionDraft("run-1", "d", "v", "logreg", new Dictionary<string, double>(), new Dictionary<string, ReadOnlyMemory<byte>>()),
            CancellationToken.None);

        var e = await Assert.ThrowsAsync<MlopsException>(() => _feedback.RecordAsync("other", Json($$"""{"predictionId":"{{id}}","label":"yes"}"""), CancellationToken.None));

        Assert.Equal(ErrorCode.NotFound, e.Code);
    }

    [Fact]
    public async Task RecordAsync_ManyIds_LooksThemUpInParallel()
    {
        await RegisterAsync(classes: ["no", "yes"]);
        var ids = new List<string>();
        for (var i = 0; i < 2 * FeedbackStore.LookupsInFlight; i++)
        {
            ids.Add(await LogAsync());
        }

        var probe = new RecordStoreProbe(_records);
        probe.GateGets(RecordTables.Predictions, FeedbackStore.LookupsInFlight);
        var feedback = new FeedbackStore(_store, probe, _registry, new PredictionLogReader(_store), _time);

        var receipt = await feedback.RecordAsync("churn", Json("[" + string.Join(",", ids.Select(id => $$"""{"predictionId":"{{id}}","label":"yes"}""")) + "]"), CancellationToken.None);

        Assert.Equal(ids.Count, receipt.Accepted);
        Assert.Equal(ids.Count, probe.Gets(RecordTables.Predictions));
        Assert.Equal(FeedbackStore.LookupsInFlight, probe.MostGetsInFlight);
    }

    private async Task<string> LogAsync()
    {
        var id = PredictionLog.NewId(_time.Now);
        await using var log = new PredictionLog(_store, _records, Options.Create(new PredictionLogOptions()), NullLogger<PredictionLog>.Instance);
        log.TryRecord("churn", 1, _time.Now, 1, JsonSerializer.SerializeToElement(new { x = 1 }), [new RowPrediction("yes", null, null, id)]);
        return id;
    }

    private Task RegisterAsync(string[]? classes)
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>();
        if (classes is not null)
        {
            files[ModelFiles.Signature] = MlopsJson.Serialize(new ModelSignature([new FeatureSpec("x", ColumnKind.Numeric)], "churned", ModelTask.BinaryClassification, classes));
        }

        return _registry.RegisterAsync("churn", new ModelVersionDraft("run-0", "d", "v", "logreg", new Dictionary<string, double>(), files), CancellationToken.None);
    }

    private static JsonElement Json(string text) => JsonSerializer.Deserialize<JsonElement>(text);
}
