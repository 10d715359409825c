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
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Cli.Tests.BadRequests;

/// <summary><c>mlops serve</c>'s app on a real socket with one trained churn model in Production and one logged prediction.</summary>
public sealed class ServedChurnFixture : IAsyncLifetime
{
    private readonly TempDataDir _data = new();
    private WebApplication _app = null!;

    public string DataDir => _data.Path;

    public HttpClient Http { get; private set; } = null!;

    public string Key { get; private set; } = "";

    public string PredictionId { get; private set; } = "";

    public string CompletedRun { get; private set; } = "";

    public static JsonObject Customer() => ChurnCustomer.Create();

    public async Task InitializeAsync()
    {
        _app = LocalServer.Build(_data.Path, port: 0, watch: false, LogLevel.Critical);
        await _app.StartAsync();
        Key = ApiKeys.LoadOrCreate(_data.Path);
        Http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };

        var store = _app.Services.GetRequiredService<IObjectStore>();
        await store.PutAsync("incoming/churn/customers.csv", Encoding.UTF8.GetBytes(ChurnSample.Generate(400, 3)), WriteCondition.None, default);
        var (_, run) = await _app.Services.GetRequiredService<UploadProcessor>().ProcessAsync("incoming/churn/customers.csv", ChurnSample.Label, default);
        var finished = await _app.Services.GetRequiredService<LocalPipelineEngine>().RunAsync(run!.Id, null, default);
        Assert.Equal(PipelineStatus.Completed, finished.Status);
        CompletedRun = finished.Id;

        using var predict = new HttpRequestMessage(HttpMethod.Post, "/api/models/churn/predict") { Content = JsonContent.Create(Customer()) };
        predict.Headers.Add("x-functions-key", Key);
        var answer = await (await Http.SendAsync(predict)).Content.ReadFromJsonAsync<JsonElement>();
        PredictionId = answer.GetProperty("predictions")[0].GetProperty("predictionId").GetString()!;

        // The log is written off the request path: wait until it is, so no background write lands during a case.
        await Eventually.WaitForAsync(async () =>
        {
            using var counters = new HttpRequestMessage(HttpMethod.Get, "/api/monitoring/prediction-log");
            counters.Headers.Add("x-functions-key", Key);
            var json = await (await Http.SendAsync(counters)).Content.ReadFromJsonAsync<JsonElement>();
            return json.GetProperty("written").GetInt64() >= 1 ? "written" : null;
        }, TimeSpan.FromSeconds(30), "the prediction log to be written");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
