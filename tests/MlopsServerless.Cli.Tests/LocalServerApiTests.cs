using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Tests;

/// <summary>The HTTP API as <c>mlops serve</c> maps it, over a real Kestrel socket on 127.0.0.1.</summary>
public sealed class LocalServerApiTests : IAsyncLifetime
{
    private readonly TempDataDir _data = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = LocalServer.Build(_data.Path, port: 0, watch: false, LogLevel.Warning);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _http.DefaultRequestHeaders.Add("x-functions-key", ApiKeys.LoadOrCreate(_data.Path));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }

    private async Task<string> TrainChurnAsync(int rows = 600)
    {
        var store = _app.Services.GetRequiredService<IObjectStore>();
        await store.PutAsync("incoming/churn/customers.csv", Encoding.UTF8.GetBytes(ChurnSample.Generate(rows, 3)), WriteCondition.None, default);
        var (_, run) = await _app.Services.GetRequiredService<UploadProcessor>().ProcessAsync("incoming/churn/customers.csv", ChurnSample.Label, default);
        var finished = await _app.Services.GetRequiredService<LocalPipelineEngine>().RunAsync(run!.Id, null, default);
        Assert.Equal(PipelineStatus.Completed, finished.Status);
        return finished.Id;
    }

    private static JsonObject Customer(JsonNode? tenure = null) => ChurnCustomer.Create(tenure, region: "a-region-never-seen");

    [Fact]
    public async Task Health_WithoutKey_IsOk()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        var response = await anonymous.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Api_WithoutValidKey_Is401ProblemDetails(string? key)
    {
        using var client = new HttpClient { BaseAddress = _http.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        // A read and the predict call (otherwise a 404 or 400 for this body): the key is checked before anything else on both.
        foreach (var response in new[] { await client.GetAsync("/api/models"), await client.PostAsJsonAsync("/api/models/churn/predict", new { tenure_months = 3 }) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Predict_SingleAndBatch_AnswerWithProductionVersion()
    {
        await TrainChurnAsync();
        var single = await _http.PostAsJsonAsync("/api/models/churn/predict", Customer());
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var answer = await single.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("version").GetInt32());
        Assert.Equal("Production", answer.GetProperty("stage").GetString());
        var prediction = answer.GetProperty("predictions")[0];
        var probabilities = prediction.GetProperty("probabilities");
        // The label column says yes/no, and so does the model.
        Assert.Equal(1.0, probabilities.GetProperty("yes").GetDouble() + probabilities.GetProperty("no").GetDouble(), 9);
        Assert.Contains(prediction.GetProperty("label").GetString(), new[] { "yes", "no" });

        var batch = await _http.PostAsJsonAsync("/api/models/churn/predict", new[] { Customer(1), Customer(60), Customer(12) });
        Assert.Equal(3, (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions").GetArrayLength());
    }

    [Fact]
    public async Task Predict_OverHttp_EqualsInProcessPredictions()
    {
        await TrainChurnAsync();
        var customers = new[] { Customer(1), Customer(60), Customer(12), Customer(null) };
        customers[3]["contract"] = null;

        var response = await _http.PostAsJsonAsync("/api/models/churn/predict", customers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions");
        var model = await _app.Services.GetRequiredService<ModelCache>().GetAsync("churn", 1, default);
        var expected = model.Predict(InputRows.Parse(JsonSerializer.SerializeToElement(customers), model.Signature));
        for (var r = 0; r < customers.Length; r++)
        {
            var probabilities = answers[r].GetProperty("probabilities");
            for (var c = 0; c < expected.Classes.Count; c++)
            {
                Assert.Equal(expected.Row(r)[c], probabilities.GetProperty(expected.Classes[c]).GetDouble());
            }
        }
    }

    [Fact]
    public async Task Predict_MistypedFeature_Is400NamingTheField()
    {
        await TrainChurnAsync();
        var response = await _http.PostAsJsonAsync("/api/models/churn/predict", Customer("three"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("tenure_months", problem.GetProperty("detail").GetString());
        Assert.Equal("InvalidArgument", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Predict_MissingFeature_Is400NamingTheField()
    {
        await TrainChurnAsync();
        var customer = Customer();
        customer.Remove("contract");
        var response = await _http.PostAsJsonAsync("/api/models/churn/predict", new[] { Customer(), customer });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("'contract'", detail);
        Assert.Contains("Row 1", detail);
    }

    [Fact]
    public async Task Predict_InvalidJson_Is400()
    {
        await TrainChurnAsync();
        var response = await _http.PostAsync("/api/models/churn/predict", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Predict_UnknownModel_Is404()
    {
        var response = await _http.PostAsJsonAsync("/api/models/nothing/predict", Customer());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ModelsAndDatasets_ListWhatWasTrained()
    {
        var runId = await TrainChurnAsync();
        var models = await _http.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal("churn", models[0].GetProperty("name").GetString());
        Assert.Equal(1, models[0].GetProperty("productionVersion").GetInt32());

        var datasets = await _http.GetFromJsonAsync<JsonElement>("/api/datasets");
        Assert.Equal("churn", datasets[0].GetProperty("name").GetString());
        var version = datasets[0].GetProperty("latestVersion").GetString()!;
        var manifest = await _http.GetFromJsonAsync<JsonElement>($"/api/datasets/churn/versions/{version}");
        Assert.Equal(600, manifest.GetProperty("rowCount").GetInt64());

        var details = await _http.GetFromJsonAsync<JsonElement>("/api/models/churn/versions/1");
        Assert.Equal(runId, details.GetProperty("version").GetProperty("runId").GetString());
        Assert.Equal("churned", details.GetProperty("signature").GetProperty("label").GetString());
        Assert.True(details.GetProperty("card").GetProperty("limitations").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Pipelines_PostIs202WithStatusUrl_AndTheSameRequestTwiceIsOneRun()
    {
        await TrainChurnAsync();
        var body = new { dataset = "churn", model = "churn-api", config = new { seed = 5 } };
        var first = await _http.PostAsJsonAsync("/api/pipelines", body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var started = await first.Content.ReadFromJsonAsync<JsonElement>();
        var url = started.GetProperty("statusUrl").GetString()!;
        Assert.Equal(url, first.Headers.Location?.OriginalString);
        Assert.True(started.GetProperty("created").GetBoolean());

        var second = await (await _http.PostAsJsonAsync("/api/pipelines", body)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(started.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.False(second.GetProperty("created").GetBoolean());

        var done = await Eventually.WaitForAsync(async () =>
        {
            var run = await _http.GetFromJsonAsync<JsonElement>(url);
            return run.GetProperty("status").GetString() == "Completed" ? (object)run : null;
        }, TimeSpan.FromSeconds(60), "the API-started run to complete");
        var runs = await _http.GetFromJsonAsync<JsonElement>("/api/pipelines?dataset=churn&status=Completed&pageSize=1");
        Assert.Equal(1, runs.GetProperty("runs").GetArrayLength());
        Assert.NotNull(runs.GetProperty("nextPageToken").GetString());
        Assert.NotNull(done);
    }

    [Fact]
    public async Task Pipelines_UnknownDataset_Is404AndBadStatusIs400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsJsonAsync("/api/pipelines", new { dataset = "nothing" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("/api/pipelines?status=Sideways")).StatusCode);
    }

    [Fact]
    public async Task PipelinesRetry_FailedRun_StartsANewRunLinkedBothWays()
    {
        var failedId = await TrainChurnAsync();
        var runs = _app.Services.GetRequiredService<RunStore>();
        await runs.UpdateAsync(failedId, r => r with { Status = PipelineStatus.Failed, Error = "the disk was full" }, default);

        var response = await _http.PostAsync($"/api/pipelines/{failedId}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        var retryId = started.GetProperty("id").GetString()!;
        Assert.NotEqual(failedId, retryId);
        var retry = await Eventually.WaitForAsync(async () =>
        {
            var run = await _http.GetFromJsonAsync<JsonElement>(started.GetProperty("statusUrl").GetString());
            return run.GetProperty("status").GetString() == "Completed" ? (object)run : null;
        }, TimeSpan.FromSeconds(60), "the retry to complete");
        Assert.Equal(failedId, ((JsonElement)retry).GetProperty("retryOf").GetString());
        Assert.Equal(2, ((JsonElement)retry).GetProperty("attempt").GetInt32());
        Assert.Equal(retryId, (await _http.GetFromJsonAsync<JsonElement>($"/api/pipelines/{failedId}")).GetProperty("retriedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await _http.PostAsync($"/api/pipelines/{retryId}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task ModelVersion_DamagedCard_Is409NamingTheFileNot400()
    {
        await TrainChurnAsync();
        await _app.Services.GetRequiredService<IObjectStore>().PutAsync("models/churn/1/card.json", "{ torn"u8.ToArray(), WriteCondition.None, default);

        var response = await _http.GetAsync("/api/models/churn/versions/1");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("FailedPrecondition", problem.GetProperty("code").GetString());
        Assert.Contains("'models/churn/1/card.json'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriftFeatureDistribution_DamagedProfile_Is409NamingTheFileNot400()
    {
        await TrainChurnAsync();
        await _app.Services.GetRequiredService<IObjectStore>().PutAsync("models/churn/1/profile.json", "{ torn"u8.ToArray(), WriteCondition.None, default);

        var response = await _http.GetAsync("/api/monitoring/churn/drift/features/tenure_months");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("FailedPrecondition", problem.GetProperty("code").GetString());
        Assert.Contains("'models/churn/1/profile.json'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StageChangeAndRollback_AreAudited()
    {
        await TrainChurnAsync();
        var retrain = await _http.PostAsJsonAsync("/api/pipelines", new { dataset = "churn", config = new { seed = 9 } });
        var url = (await retrain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        await Eventually.WaitForAsync(async () =>
            (await _http.GetFromJsonAsync<JsonElement>(url)).GetProperty("status").GetString() == "Completed" ? "done" : null,
            TimeSpan.FromSeconds(60), "the second run");

        var promote = await _http.PostAsJsonAsync("/api/models/churn/versions/2/stage", new { stage = "Production", reason = "reviewed" });
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        var rollback = await _http.PostAsJsonAsync("/api/models/churn/rollback", new { reason = "bad canary" });
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(1, (await rollback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var audit = await _http.GetFromJsonAsync<JsonElement>("/api/models/churn/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("reason").GetString()!.Contains("bad canary", StringComparison.Ordinal));
        var missingReason = await _http.PostAsJsonAsync("/api/models/churn/versions/2/stage", new { stage = "Archived" });
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
    }

    [Fact]
    public async Task GetDrift_BeforeAnyCheck_Is404NamingThePostAndRunsNoCheck()
    {
        await TrainChurnAsync();

        var response = await _http.GetAsync("/api/monitoring/churn/drift");
        var withRun = await _http.GetAsync("/api/monitoring/churn/drift?run=true");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("POST /api/monitoring/churn/drift/checks", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withRun.StatusCode);
        Assert.Contains("POST /api/monitoring/churn/drift/checks", (await withRun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _app.Services.GetRequiredService<IObjectStore>().ListAllAsync(StorageLayout.DriftReportsPrefix("churn"), default));
    }

    [Fact]
    public async Task Drift_AfterServingUnusualCustomers_ReportsDriftFromThePredictionLog()
    {
        await TrainChurnAsync();
        var unusual = Enumerable.Range(0, 150).Select(_ => Customer(2)).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/api/models/churn/predict", unusual)).StatusCode);

        // The log is written off the request path; ask for a fresh check until the writer has flushed the rows.
        var report = await Eventually.WaitForAsync(async () =>
        {
            using var check = await _http.PostAsync("/api/monitoring/churn/drift/checks", null);
            var r = await check.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            return r.GetProperty("current_rows").GetInt64() == 150 ? (object)r : null;
        }, TimeSpan.FromSeconds(30), "the logged predictions to reach the drift check");
        var json = (JsonElement)report;
        Assert.Equal("drifted", json.GetProperty("verdict").GetString());
        Assert.Equal("churn:1", json.GetProperty("model_id").GetString());
        var latest = await _http.GetFromJsonAsync<JsonElement>("/api/monitoring/churn/drift");
        Assert.Equal("drifted", latest.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_ListsThePredictRoute()
    {
        var document = await _http.GetFromJsonAsync<JsonElement>("/api/openapi.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/models/{name}/predict", out _));
    }
}
