using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Cli.Tests;

/// <summary>The dataset routes for rejected uploads and contracts, over a real socket as <c>mlops serve</c> maps them.</summary>
public sealed class DatasetsApiTests : IAsyncLifetime
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

    private async Task UploadAsync(string key, string csv)
    {
        await _app.Services.GetRequiredService<IObjectStore>().PutAsync(key, Encoding.UTF8.GetBytes(csv), WriteCondition.None, default);
        await _app.Services.GetRequiredService<UploadProcessor>().ProcessAsync(key, null, default);
    }

    private static string Rows(int n, string label = "label") =>
        $"x,color,{label}\n" + string.Concat(Enumerable.Range(0, n).Select(i => $"{i},{(i % 2 == 0 ? "red" : "blue")},{(i % 3 == 0 ? "yes" : "no")}\n"));

    [Fact]
    public async Task Quarantine_DatasetWithOnlyRejections_ListsThemWithReportsInsteadOfNotFound()
    {
        await UploadAsync("incoming/my data/data (1).csv", Rows(30, label: "outcome"));

        var entries = await _http.GetFromJsonAsync<JsonElement>("/api/datasets/my%20data/quarantine");
        var versions = await _http.GetAsync("/api/datasets/my%20data/versions");
        var datasets = await _http.GetFromJsonAsync<JsonElement>("/api/datasets");

        var entry = Assert.Single(entries.EnumerateArray());
        Assert.Equal("data (1).csv", entry.GetProperty("fileName").GetString());
        Assert.Equal("no_label_column", entry.GetProperty("problems")[0].GetProperty("code").GetString());
        Assert.Contains("mlops datasets contract \"my data\" --label", entry.GetProperty("problems")[0].GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
        Assert.Equal(0, (await versions.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        var row = Assert.Single(datasets.EnumerateArray());
        Assert.Equal("my data", row.GetProperty("displayName").GetString());
        Assert.Equal(1, row.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task Quarantine_UnknownDataset_IsNotFoundWithADetail()
    {
        var response = await _http.GetAsync("/api/datasets/nothing/quarantine");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no dataset 'nothing'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PutContract_ThenDropAFileWithThatLabel_IsVersionedWithIt()
    {
        var put = await _http.PutAsJsonAsync("/api/datasets/my%20data/contract", new { label = "outcome" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        await UploadAsync("incoming/my data/data.csv", Rows(30, label: "outcome"));

        var versions = await _http.GetFromJsonAsync<JsonElement>("/api/datasets/my%20data/versions");
        Assert.Equal("outcome", versions[0].GetProperty("label").GetString());
        var contract = await _http.GetFromJsonAsync<JsonElement>("/api/datasets/my%20data/contract");
        Assert.Equal("outcome", contract.GetProperty("label").GetString());
        Assert.False(contract.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task PutContract_EmptyLabel_IsABadRequestSayingWhatToSend()
    {
        var response = await _http.PutAsJsonAsync("/api/datasets/shop/contract", new { label = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"label\"", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
