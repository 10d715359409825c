using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Linear;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests.Monitoring.PredictionLogging;

public sealed class PredictionServiceLoggingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FileSystemObjectStore _store;
    private readonly SqliteRecordStore _records;
    private readonly ModelRegistry _registry;

    public PredictionServiceLoggingTests()
    {
        _store = new FileSystemObjectStore(_folder.Path);
        _records = new SqliteRecordStore(Path.Combine(_folder.Path, ".metadata", "records.db"));
        _registry = CoreHarness.NewRegistry(_store, _folder.Path, TimeProvider.System);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PredictAsync_LogStoreBlocked_AnswersEveryRequestWithIdsAndLogsAfterRelease()
    {
        await RegisterAsync();
        var gated = new GatedObjectStore(_store);
        await using var log = new PredictionLog(gated, _records, Options.Create(new PredictionLogOptions { Capacity = 4, SamplingRate = 1 }), NullLogger<PredictionLog>.Instance);
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        var service = new PredictionService(_registry, new ModelCache(_registry), TimeProvider.System, log);

        var answers = new List<PredictionResponse>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await service.PredictAsync("m", ModelSelector.Production, Json($"{{\"x\": {i % 5}}}"), CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.All(answers, a => Assert.NotNull(Assert.Single(a.Predictions).PredictionId));
        Assert.Equal(20, answers.Select(a => a.Predictions[0].PredictionId).Distinct().Count());
        Assert.True(log.Counters.Dropped > 0);
        gated.Gate.SetResult();
        await log.FlushAsync(CancellationToken.None);
        await stop.CancelAsync();
        await writer;
        var counters = log.Counters;
        Assert.Equal(20, counters.Logged + counters.Dropped);
        Assert.Equal(counters.Logged, counters.Written);
    }

    [Fact]
    public async Task PredictAsync_SamplingOff_ReturnsNoIdsAndLogsNothing()
    {
        await RegisterAsync();
        await using var log = new PredictionLog(_store, _records, Options.Create(new PredictionLogOptions { SamplingRate = 0 }), NullLogger<PredictionLog>.Instance);
        var service = new PredictionService(_registry, new ModelCache(_registry), TimeProvider.System, log);

        var answer = await service.PredictAsync("m", ModelSelector.Production, Json("[{\"x\": 1}, {\"x\": 4}]"), CancellationToken.None);

        Assert.All(answer.Predictions, p => Assert.Null(p.PredictionId));
        Assert.Equal(0, log.Counters.Logged);
    }

    private async Task RegisterAsync()
    {
        double[] x = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4];
        double[] y = [0, 0, 0, 1, 1, 0, 0, 1, 1, 1];
        var table = new Table([new NumericColumn("x", ColumnKind.Numeric, x), new NumericColumn("y", ColumnKind.Boolean, y)]);
        var model = new LogisticRegressionTrainer().Train(
            new TrainingRequest(table, null, "y", ModelTask.BinaryClassification, new Dictionary<string, string>(), 42), CancellationToken.None);
        var draft = new ModelVersionDraft("run-1", "d", "v1", model.Algorithm, new Dictionary<string, double>(),
            new Dictionary<string, ReadOnlyMemory<byte>> { [ModelFiles.Model] = ModelFormat.Serialize(model) });
        var version = await _registry.RegisterAsync("m", draft, CancellationToken.None);
        await _registry.SetStageAsync("m", version.Version, Stage.Production, "test", "test", CancellationToken.None);
    }

    private static JsonElement Json(string text) => JsonSerializer.Deserialize<JsonElement>(text);
}
