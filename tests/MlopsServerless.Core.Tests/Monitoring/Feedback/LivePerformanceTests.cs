using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tests.Monitoring.Retraining;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests.Monitoring.Feedback;

public sealed class LivePerformanceTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FileSystemObjectStore _store;
    private readonly SqliteRecordStore _records;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ModelRegistry _registry;
    private readonly FeedbackStore _feedback;

    public LivePerformanceTests()
    {
        _store = new FileSystemObjectStore(_folder.Path);
        _records = new SqliteRecordStore(Path.Combine(_folder.Path, ".metadata", "records.db"));
        _registry = CoreHarness.NewRegistry(_store, _folder.Path, _time);
        _feedback = new FeedbackStore(_store, _records, _registry, new PredictionLogReader(_store), _time);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EvaluateAsync_ClassificationBelowTest_ReportsAccuracyAucAndTheDrop()
    {
        await RegisterAsync(new Dictionary<string, double> { [MetricCatalog.Accuracy] = 0.9, [MetricCatalog.Auc] = 0.74 });
        var ids = new Dictionary<string, string>();
        await using (var log = new PredictionLog(_store, _records, Options.Create(new PredictionLogOptions()), NullLogger<PredictionLog>.Instance))
        {
            // p(true) and predicted class per row; labels true, false, true, false.
            (string Name, double P)[] rows = [("a", 0.9), ("b", 0.8), ("c", 0.3), ("d", 0.2), ("old", 0.9)];
            foreach (var (name, p) in rows)
            {
                var when = name == "old" ? _time.Now.AddDays(-8) : _time.Now.AddHours(-1);
                ids[name] = PredictionLog.NewId(when);
                log.TryRecord("churn", 1, when, 1, JsonSerializer.SerializeToElement(new { x = 1 }),
                    [new RowPrediction(p >= 0.5 ? "true" : "false", null, new Dictionary<string, double> { ["false"] = 1 - p, ["true"] = p }, ids[name])]);
            }
        }

        await _feedback.RecordAsync("churn", Json($$"""
            [{"predictionId":"{{ids["a"]}}","label":true},{"predictionId":"{{ids["b"]}}","label":"false"},{"predictionId":"{{ids["c"]}}","label":"true"},
             {"predictionId":"{{ids["d"]}}","label":false},{"predictionId":"{{ids["old"]}}","label":true}]
            """), CancellationToken.None);

        var report = await Performance(minLabelled: 4).EvaluateAsync("churn", CancellationToken.None);

        // By hand: predicted t,t,f,f vs actual t,f,t,f -> accuracy 2/4. AUC: positives {0.9, 0.3} over negatives
        // {0.8, 0.2}: 3 of 4 pairs ordered right -> 0.75.
        var version = Assert.Single(report.Versions);
        Assert.Equal(4, version.Labelled);
        Assert.Equal(0.5, version.Live[MetricCatalog.Accuracy], 12);
        Assert.Equal(0.75, version.Live[MetricCatalog.Auc], 12);
        Assert.Equal(5, report.Labels);
        Assert.Equal(1, report.Unmatched); // "old", whose prediction is outside the window
        var drop = Assert.Single(report.Drops);
        Assert.Equal(MetricCatalog.Accuracy, drop.Metric);
        Assert.Equal((0.9 - 0.5) / 0.9, drop.RelativeDrop, 12);
        Assert.True(report.Degraded);
    }

    [Fact]
    public async Task EvaluateAsync_FewerLabelsThanMinimum_ReportsMetricsWithoutDrop()
    {
        await RegisterAsync(new Dictionary<string, double> { [MetricCatalog.Rmse] = 1.0 });
        var id = PredictionLog.NewId(_time.Now.AddMinutes(-5));
        await using (var log = new PredictionLog(_store, _records, Options.Create(new PredictionLogOptions()), NullLogger<PredictionLog>.Instance))
        {
            log.TryRecord("churn", 1, _time.Now.AddMinutes(-5), 1, JsonSerializer.SerializeToElement(new { x = 1 }), [new RowPrediction(null, 10, null, id)]);
        }

        await _feedback.RecordAsync("churn", Json($$"""{"predictionId":"{{id}}","label":13}"""), CancellationToken.None);

        var report = await Performance(minLabelled: 30).EvaluateAsync("churn", CancellationToken.None);

        Assert.Equal(3.0, Assert.Single(report.Versions).Live[MetricCatalog.Rmse], 12);
        Assert.Empty(report.Drops);
    }

    private LivePerformance Performance(int minLabelled) => new(_registry, _feedback, new PredictionLogReader(_store),
        Options.Create(new LivePerformanceOptions { MinLabelled = minLabelled }), _time);

    private async Task RegisterAsync(Dictionary<string, double> metrics)
    {
        var version = await _registry.RegisterAsync("churn", new ModelVersionDraft("run-0", "d", "v", "logreg", metrics,
            new Dictionary<string, ReadOnlyMemory<byte>>()), CancellationToken.None);
        await _registry.SetStageAsync("churn", version.Version, Stage.Production, "test", "test", CancellationToken.None);
    }

    private static JsonElement Json(string text) => JsonSerializer.Deserialize<JsonElement>(text);
}
