using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Cli.Tests;

/// <summary>The dataset routes for rejected uploads and contracts, over a real socket as <c>mlops serve</c> maps them.</summary>
public sealed class DatasetsApiTests : IAsyncLifetime
{
    private LocalServerHost _host = null!;

    private HttpClient Http => _host.Http;

    public async Task InitializeAsync() => _host = await LocalServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task UploadAsync(string key, string csv)
    {
        await _host.App.Services.GetRequiredService<IObjectStore>().PutAsync(key, Encoding.UTF8.GetBytes(csv), WriteCondition.None, default);
        await _host.App.Services.GetRequiredService<UploadProcessor>().ProcessAsync(key, null, default);
    }

    private static string Rows(int n, string label = "label") =>
        $"x,color,{label}\n" + string.Concat(Enumerable.Range(0, n).Select(i => $"{i},{(i % 2 == 0 ? "red" : "blue")},{(i % 3 == 0 ? "yes" : "no")}\n"));

    [Fact]
    public async Task Quarantine_DatasetWithOnlyRejections_ListsThemWithReportsInsteadOfNotFound()
    {
        await UploadAsync("incoming/my data/data (1).csv", Rows(30, label: "outcome"));

        var entries = await Http.GetFromJsonAsync<JsonElement>("/api/datasets/my%20data/quarantine");
        var versions = await Http.GetAsync("/api/datasets/my%20data/versions");
        var datasets = await Http.GetFromJsonAsync<JsonElement>("/api/datasets");

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
        var response = await Http.GetAsync("/api/datasets/nothing/quarantine");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no dataset 'nothing'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PutContract_ThenDropAFileWithThatLabel_IsVersionedWithIt()
    {
        var put = await Http.PutAsJsonAsync("/api/datasets/my%20data/contract", new { label = "outcome" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        await UploadAsync("incoming/my data/data.csv", Rows(30, label: "outcome"));

        var versions = await Http.GetFromJsonAsync<JsonElement>("/api/datasets/my%20data/versions");
        Assert.Equal("outcome", versions[0].GetProperty("label").GetString());
        var contract = await Http.GetFromJsonAsync<JsonElement>("/api/datasets/my%20data/contract");
        Assert.Equal("outcome", contract.GetProperty("label").GetString());
        Assert.False(contract.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task PutContract_EmptyLabel_IsABadRequestSayingWhatToSend()
    {
        var response = await Http.PutAsJsonAsync("/api/datasets/shop/contract", new { label = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"label\"", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PutUpload_CsvBody_IsDroppedWholeIntoIncomingAndBecomesAVersion()
    {
        await Http.PutAsJsonAsync("/api/datasets/my%20data/contract", new { label = "outcome" });

        var response = await Http.PutAsync("/api/datasets/my%20data/uploads/day%201.csv", new StringContent(Rows(30, label: "outcome"), Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("incoming/my data/day 1.csv", accepted.GetProperty("key").GetString());
        var (outcome, _) = await _host.App.Services.GetRequiredService<UploadProcessor>().ProcessAsync("incoming/my data/day 1.csv", null, default);
        Assert.Equal(30, outcome.Version!.RowCount);
        Assert.Equal("my data", outcome.Version.DatasetName);
    }
}
