using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.MLNet.Tests;

/// <summary>
/// The loop with an ML.NET winner: a run mixing both families registers the ML.NET model (model.json + model.zip),
/// promotes it, and `mlops serve` answers with it over real HTTP; a user's own ML.NET code loads the registered zip and
/// gets the same probabilities.
/// </summary>
public sealed class MlNetPipelineServingTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mlops-mlnet-tests", Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _app = LocalServer.Build(_dir, port: 0, watch: false, LogLevel.Warning);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _http.DefaultRequestHeaders.Add("x-functions-key", ApiKeys.LoadOrCreate(_dir));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Run_MixedFamiliesWithAnMlNetWinner_RegistersPromotesAndServesTheSameAnswersAsInProcessAndPlainMlNet()
    {
        var store = _app.Services.GetRequiredService<IObjectStore>();
        await store.PutAsync("incoming/churn/customers.csv", Encoding.UTF8.GetBytes(ChurnSample.Generate(800, 3)), WriteCondition.None, default);
        var ingested = await _app.Services.GetRequiredService<DatasetIngestor>().IngestAsync("incoming/churn/customers.csv", ChurnSample.Label, default);
        // A one-split gbdt cannot beat LightGBM: the run mixes families and the ML.NET model must win.
        var config = new PipelineConfig(Candidates:
        [
            new CandidateSpec("gbdt", new Dictionary<string, string> { ["n_estimators"] = "1", ["max_depth"] = "1" }),
            new CandidateSpec("mlnet-lightgbm", new Dictionary<string, string> { ["n_estimators"] = "60", ["num_leaves"] = "8" }),
        ]);
        var (run, _) = await _app.Services.GetRequiredService<PipelineService>().StartAsync("churn", ingested.Version!.Version, "churn", config, "test", default);
        var finished = await _app.Services.GetRequiredService<LocalPipelineEngine>().RunAsync(run.Id, null, default);

        Assert.Equal(PipelineStatus.Completed, finished.Status);
        var model = await _app.Services.GetRequiredService<ModelRegistry>().GetRequiredAsync("churn", default);
        Assert.Equal("mlnet-lightgbm", model.Production!.Algorithm);
        var version = model.Production.Version;
        Assert.NotNull(await store.GetAsync($"models/churn/{version}/model.zip", default));
        var card = JsonDocument.Parse((await store.GetAsync($"models/churn/{version}/card.json", default))!.Content);
        Assert.Equal("mlnet-lightgbm", card.RootElement.GetProperty("algorithm").GetString());
        Assert.NotNull(await store.GetAsync($"models/churn/{version}/profile.json", default));

        var customers = new[] { Customer(2, "month-to-month", 6), Customer(50, "two-year", 0), Customer(14, "never-seen", 3) };
        var single = await _http.PostAsJsonAsync("/api/models/churn/predict", customers[0]);
        var batch = await _http.PostAsJsonAsync("/api/models/churn/predict", customers);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var overHttp = Probabilities(await batch.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(overHttp[0], Probabilities(await single.Content.ReadFromJsonAsync<JsonElement>())[0]);

        var inProcess = await _app.Services.GetRequiredService<PredictionService>()
            .PredictAsync("churn", ModelSelector.Production, JsonSerializer.SerializeToElement(customers), default);
        Assert.Equal(inProcess.Predictions.Select(p => p.Probabilities!["yes"]), overHttp);

        // What a user's own app does with the registered file: plain ML.NET, no mlops code.
        var ml = new MLContext();
        using var zip = File.OpenRead(Path.Combine(_dir, "models", "churn", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "model.zip"));
        var loaded = ml.Model.Load(zip, out _);
        var engine = ml.Model.CreatePredictionEngine<ChurnInput, ChurnOutput>(loaded);
        var plain = customers.Select(c => (double)engine.Predict(ChurnInput.From(c)).Probability).ToList();
        Assert.Equal(overHttp, plain);

        var missing = await _http.PostAsJsonAsync("/api/models/churn/predict", new Dictionary<string, object?> { ["tenure_months"] = "many" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    private static List<double> Probabilities(JsonElement answer) =>
        answer.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("probabilities").GetProperty("yes").GetDouble()).ToList();

    private static Dictionary<string, object?> Customer(int tenure, string contract, int calls) => new()
    {
        ["tenure_months"] = tenure,
        ["monthly_charges"] = 95.5,
        ["contract"] = contract,
        ["internet_service"] = "fiber",
        ["payment_method"] = "electronic-check",
        ["support_calls"] = calls,
        ["senior_citizen"] = false,
        ["has_partner"] = null,
        ["region"] = "north",
        ["avg_daily_usage_gb"] = 3.1,
        ["satisfaction_score"] = 2,
    };

    /// <summary>The input class a user writes for the zip's input schema (numbers and booleans are Single, categories text).</summary>
    private sealed class ChurnInput
    {
        [ColumnName("tenure_months")] public float TenureMonths { get; set; }
        [ColumnName("monthly_charges")] public float MonthlyCharges { get; set; }
        [ColumnName("contract")] public string Contract { get; set; } = "";
        [ColumnName("internet_service")] public string InternetService { get; set; } = "";
        [ColumnName("payment_method")] public string PaymentMethod { get; set; } = "";
        [ColumnName("support_calls")] public float SupportCalls { get; set; }
        [ColumnName("senior_citizen")] public float SeniorCitizen { get; set; }
        [ColumnName("has_partner")] public float HasPartner { get; set; }
        [ColumnName("region")] public string Region { get; set; } = "";
        [ColumnName("avg_daily_usage_gb")] public float AvgDailyUsageGb { get; set; }
        [ColumnName("satisfaction_score")] public float SatisfactionScore { get; set; }

        public static ChurnInput From(Dictionary<string, object?> c) => new()
        {
            TenureMonths = Convert.ToSingle(c["tenure_months"], System.Globalization.CultureInfo.InvariantCulture),
            MonthlyCharges = Convert.ToSingle(c["monthly_charges"], System.Globalization.CultureInfo.InvariantCulture),
            Contract = (string)c["contract"]!,
            InternetService = (string)c["internet_service"]!,
            PaymentMethod = (string)c["payment_method"]!,
            SupportCalls = Convert.ToSingle(c["support_calls"], System.Globalization.CultureInfo.InvariantCulture),
            SeniorCitizen = (bool)c["senior_citizen"]! ? 1 : 0,
            HasPartner = float.NaN,
            Region = (string)c["region"]!,
            AvgDailyUsageGb = Convert.ToSingle(c["avg_daily_usage_gb"], System.Globalization.CultureInfo.InvariantCulture),
            SatisfactionScore = Convert.ToSingle(c["satisfaction_score"], System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private sealed class ChurnOutput
    {
        public float Probability { get; set; }
    }
}
