using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tests.Monitoring.Retraining;

namespace MlopsServerless.Core.Tests.Monitoring.Feedback;

public sealed class FeedbackStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FileSystemObjectStore _store;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero));
    private readonly ModelRegistry _registry;
    private readonly FeedbackStore _feedback;

    public FeedbackStoreTests()
    {
        _store = new FileSystemObjectStore(_folder.Path);
        _registry = new ModelRegistry(_store, _time, NullLogger<ModelRegistry>.Instance);
        _feedback = new FeedbackStore(_store, _registry, _time);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RecordAsync_SingleAndBatchOnTwoDays_ReadsBackInWindowOldestFirst()
    {
        await RegisterAsync();
        await _feedback.RecordAsync("churn", Json("{\"predictionId\":\"a\",\"label\":\"true\"}"), CancellationToken.None);
        _time.Now += TimeSpan.FromHours(1); // past midnight: the next day's object
        var receipt = await _feedback.RecordAsync("churn", Json("[{\"predictionId\":\"b\",\"label\":false},{\"predictionId\":\"c\",\"label\":2.5}]"), CancellationToken.None);

        var read = new List<GroundTruth>();
        await foreach (var item in _feedback.ReadAsync("churn", _time.Now.AddDays(-1), _time.Now.AddSeconds(1), CancellationToken.None))
        {
            read.Add(item);
        }

        Assert.Equal(2, receipt.Accepted);
        Assert.Equal(["a", "b", "c"], read.Select(r => r.PredictionId));
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
        await RegisterAsync();

        var e = await Assert.ThrowsAsync<MlopsException>(() => _feedback.RecordAsync("churn", Json(body), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public async Task RecordAsync_UnknownModel_IsNotFound()
    {
        var e = await Assert.ThrowsAsync<MlopsException>(() => _feedback.RecordAsync("nope", Json("{\"predictionId\":\"a\",\"label\":1}"), CancellationToken.None));

        Assert.Equal(ErrorCode.NotFound, e.Code);
    }

    private Task RegisterAsync() => _registry.RegisterAsync("churn", new ModelVersionDraft("run-0", "d", "v", "logreg", new Dictionary<string, double>(),
        new Dictionary<string, ReadOnlyMemory<byte>>()), CancellationToken.None);

    private static JsonElement Json(string text) => JsonSerializer.Deserialize<JsonElement>(text);
}
