using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Prediction;

public sealed class PredictionServiceTests(ChurnModels models) : IClassFixture<ChurnModels>, IDisposable
{
    private const string Customer = """
        {"tenure_months": 3, "monthly_charges": 95.5, "contract": "month-to-month", "internet_service": "fiber",
         "payment_method": "electronic-check", "support_calls": 5, "senior_citizen": "yes", "has_partner": false,
         "region": "north", "avg_daily_usage_gb": 2.1, "satisfaction_score": 2, "customer_id": "ignored"}
        """;

    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement;

    private PredictionService NewService() => new(_h.Registry, new ModelCache(_h.Registry), _h.Time);

    private async Task RegisterAsync(int expectedVersion, byte[] model)
    {
        var draft = new ModelVersionDraft($"run-{expectedVersion}", "churn", "0123456789abcdef", "logreg", new Dictionary<string, double>(),
            new Dictionary<string, ReadOnlyMemory<byte>> { [ModelFiles.Model] = model });
        Assert.Equal(expectedVersion, (await _h.Registry.RegisterAsync("churn", draft, CoreHarness.None)).Version);
    }

    [Fact]
    public async Task PredictAsync_ProductionModel_AnswersWithItsVersionAndProbabilities()
    {
        await RegisterAsync(1, models.First);
        await RegisterAsync(2, models.Second);
        await _h.Registry.SetStageAsync("churn", 1, Stage.Production, "test", "serve", CoreHarness.None);

        var response = await NewService().PredictAsync("churn", ModelSelector.Production, Body(Customer), CoreHarness.None);

        Assert.Equal(("churn", 1, Stage.Production), (response.Model, response.Version, response.Stage));
        var row = Assert.Single(response.Predictions);
        // churned holds yes/no, which profiles as a Boolean column; LabelEncoding names boolean classes false/true.
        Assert.Equal(["false", "true"], row.Probabilities!.Keys.Order());
        Assert.Equal(1.0, row.Probabilities.Values.Sum(), 9);
        Assert.Equal(row.Probabilities.MaxBy(p => p.Value).Key, row.Label);
        // A short-tenure monthly fiber customer with many support calls is the sample's textbook churner.
        Assert.Equal("true", row.Label);

        var expected = ModelFormat.Deserialize(models.First).Predict(InputRows.Parse(Body(Customer), ModelFormat.Deserialize(models.First).Signature));
        Assert.Equal(expected.Row(0)[1], row.Probabilities["true"], 12);
    }

    [Fact]
    public async Task PredictAsync_Array_AnswersEveryRow()
    {
        await RegisterAsync(1, models.First);
        await _h.Registry.SetStageAsync("churn", 1, Stage.Production, "test", "serve", CoreHarness.None);

        var response = await NewService().PredictAsync("churn", ModelSelector.Production, Body($"[{Customer},{Customer},{Customer}]"), CoreHarness.None);

        Assert.Equal(3, response.Predictions.Count);
    }

    [Fact]
    public async Task PredictAsync_VersionAndAliasSelectors_PickThatVersion()
    {
        await RegisterAsync(1, models.First);
        await RegisterAsync(2, models.Second);
        await _h.Registry.SetStageAsync("churn", 1, Stage.Production, "test", "serve", CoreHarness.None);
        await _h.Registry.SetAliasAsync("churn", "challenger", 2, "test", "shadow", CoreHarness.None);
        var service = NewService();

        var byVersion = await service.PredictAsync("churn", new ModelSelector(Version: 2), Body(Customer), CoreHarness.None);
        var byAlias = await service.PredictAsync("churn", new ModelSelector(Alias: "challenger"), Body(Customer), CoreHarness.None);

        Assert.Equal((2, Stage.None), (byVersion.Version, byVersion.Stage));
        Assert.Equal(2, byAlias.Version);
        Assert.Equal(byVersion.Predictions[0].Probabilities!["true"], byAlias.Predictions[0].Probabilities!["true"]);
    }

    [Fact]
    public async Task PredictAsync_NoProduction_IsFailedPrecondition()
    {
        await RegisterAsync(1, models.First);

        var error = await Assert.ThrowsAsync<MlopsException>(() => NewService().PredictAsync("churn", ModelSelector.Production, Body(Customer), CoreHarness.None));

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
    }

    [Fact]
    public async Task PredictAsync_UnknownModelVersionOrAlias_IsNotFound()
    {
        await RegisterAsync(1, models.First);
        var service = NewService();

        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => service.PredictAsync("nope", ModelSelector.Production, Body(Customer), CoreHarness.None))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => service.PredictAsync("churn", new ModelSelector(Version: 7), Body(Customer), CoreHarness.None))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => service.PredictAsync("churn", new ModelSelector(Alias: "gone"), Body(Customer), CoreHarness.None))).Code);
        Assert.Equal(ErrorCode.InvalidArgument, (await Assert.ThrowsAsync<MlopsException>(() => service.PredictAsync("../churn", ModelSelector.Production, Body(Customer), CoreHarness.None))).Code);
    }

    [Fact]
    public async Task PredictAsync_BadInput_IsInvalidArgumentNamingTheFeature()
    {
        await RegisterAsync(1, models.First);
        await _h.Registry.SetStageAsync("churn", 1, Stage.Production, "test", "serve", CoreHarness.None);

        var error = await Assert.ThrowsAsync<MlopsException>(() => NewService().PredictAsync("churn", ModelSelector.Production, Body("""{"tenure_months": 3}"""), CoreHarness.None));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("monthly_charges", error.Message);
    }

    [Fact]
    public async Task PredictAsync_AfterPromotion_SwitchesVersionOnceRefreshPasses()
    {
        await RegisterAsync(1, models.First);
        await RegisterAsync(2, models.Second);
        await _h.Registry.SetStageAsync("churn", 1, Stage.Production, "test", "serve", CoreHarness.None);
        var service = NewService();
        Assert.Equal(1, (await service.PredictAsync("churn", ModelSelector.Production, Body(Customer), CoreHarness.None)).Version);

        await _h.Registry.SetStageAsync("churn", 2, Stage.Production, "test", "better", CoreHarness.None);
        _h.Time.Advance(TimeSpan.FromMilliseconds(500));
        var stillCached = await service.PredictAsync("churn", ModelSelector.Production, Body(Customer), CoreHarness.None);
        _h.Time.Advance(PredictionService.RegistryRefresh);
        var switched = await service.PredictAsync("churn", ModelSelector.Production, Body(Customer), CoreHarness.None);

        Assert.Equal(1, stillCached.Version);
        Assert.Equal((2, Stage.Production), (switched.Version, switched.Stage));
    }

    [Fact]
    public async Task ModelCache_ConcurrentFirstRequests_LoadTheModelFileOnce()
    {
        await RegisterAsync(1, models.First);
        var cache = new ModelCache(_h.Registry);
        var before = _h.Store.Operations.Count(o => o == "get models/churn/1/model.json");

        var loaded = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetAsync("churn", 1, CoreHarness.None))));

        Assert.All(loaded, m => Assert.Same(loaded[0], m));
        Assert.Equal(1, _h.Store.Operations.Count(o => o == "get models/churn/1/model.json") - before);
    }

    [Fact]
    public async Task ModelCache_MissingModelFile_IsUnavailableAndRetriedLater()
    {
        await RegisterAsync(1, models.First);
        await _h.Files.DeleteAsync("models/churn/1/model.json", CoreHarness.None);
        _h.Store.Asynchronous = true;
        var cache = new ModelCache(_h.Registry);

        var error = await Assert.ThrowsAsync<MlopsException>(() => cache.GetAsync("churn", 1, CoreHarness.None));
        await _h.Files.PutAsync("models/churn/1/model.json", models.First, Core.Storage.WriteCondition.None, CoreHarness.None);
        var model = await cache.GetAsync("churn", 1, CoreHarness.None);

        Assert.Equal(ErrorCode.Unavailable, error.Code);
        Assert.Equal("logreg", model.Algorithm);
    }
}
