using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using MlopsServerless.Azure.Tests.Support;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Functions.Tests.Support;

namespace MlopsServerless.Functions.Tests;

/// <summary>
/// One table of good and bad requests, answered by the Functions app's HTTP functions (real HttpContext) and by
/// <c>mlops serve</c> (real Kestrel socket), both over empty stores: same status, same content type, same body.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class HttpParityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TempDataDir _data = new();
    private WebApplication _serve = null!;
    private HttpClient _http = null!;
    private DurableHarness _functions = null!;

    /// <summary>The shared table: method, path and query, JSON body.</summary>
    private static readonly (string Method, string Path, string? Json)[] Requests =
    [
        ("GET", "/api/health", null),
        ("GET", "/api/models", null),
        ("GET", "/api/models/churn", null),
        ("GET", "/api/models/churn/versions/1", null),
        ("GET", "/api/models/churn/audit", null),
        ("POST", "/api/models/churn/predict", """{"tenure_months": 3}"""),
        ("POST", "/api/models/churn/predict", """{"tenure_months": """),
        ("POST", "/api/models/churn/versions/1/stage", """{"stage": "Bogus", "reason": "x"}"""),
        ("POST", "/api/models/churn/versions/1/stage", """{"stage": "Production", "reason": "x"}"""),
        ("POST", "/api/models/churn/versions/1/aliases/best", """{"reason": "x"}"""),
        ("POST", "/api/models/churn/rollback", """{"reason": "x"}"""),
        ("GET", "/api/datasets", null),
        ("GET", "/api/datasets/churn/versions", null),
        ("GET", "/api/datasets/churn/versions/0123456789abcdef", null),
        ("GET", "/api/datasets/bad%20name/versions", null),
        ("POST", "/api/pipelines", """{}"""),
        ("POST", "/api/pipelines", """{"dataset": "churn"}"""),
        ("POST", "/api/pipelines", """not json"""),
        ("GET", "/api/pipelines", null),
        ("GET", "/api/pipelines?status=Bogus", null),
        ("GET", "/api/pipelines?pageSize=0", null),
        ("GET", "/api/pipelines?pageToken=zzz", null),
        ("GET", "/api/pipelines/churn-0123456789abcdef", null),
        ("POST", "/api/models/churn/feedback", """{"predictionId": "p1", "label": "yes"}"""),
        ("POST", "/api/models/churn/feedback", """[]"""),
        ("GET", "/api/monitoring/churn/performance", null),
        ("GET", "/api/monitoring/prediction-log", null),
        ("GET", "/api/monitoring/churn/drift", null),
        ("GET", "/api/monitoring/churn/drift?run=true", null),
        ("POST", "/api/monitoring/churn/drift/checks", null),
    ];

    public async Task InitializeAsync()
    {
        _serve = LocalServer.Build(_data.Path, port: 0, watch: false, LogLevel.Critical);
        await _serve.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_serve.Urls.First()) };
        _http.DefaultRequestHeaders.Add("x-functions-key", ApiKeys.LoadOrCreate(_data.Path));
        _functions = await DurableHarness.StartAsync(azurite);
    }

    public async Task DisposeAsync()
    {
        await _functions.DisposeAsync();
        _http.Dispose();
        await _serve.StopAsync();
        await _serve.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task HttpFunctions_SharedRequestTable_AnswerAsMlopsServe()
    {
        var differences = new List<string>();
        foreach (var (method, path, json) in Requests)
        {
            var expected = await ServeAsync(method, path, json);

            var actual = await HttpFunctionCaller.SendAsync(_functions.App, _functions.Client, method, Uri.UnescapeDataString(path), json);

            if (expected.Status != actual.Status || expected.ContentType != actual.ContentType || Normalized(expected.Body) != Normalized(actual.Body))
            {
                differences.Add($"{method} {path}: mlops serve {expected.Status} {expected.ContentType} {expected.Body} | function {actual.Status} {actual.ContentType} {actual.Body}");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Contains(Requests, r => r.Path.Contains("predict", StringComparison.Ordinal)); // the table is not empty by accident
    }

    [Fact]
    public async Task OpenApi_FromBothHosts_DescribesTheSamePaths()
    {
        var served = await ServeAsync("GET", "/api/openapi.json", null);
        var function = await HttpFunctionCaller.SendAsync(_functions.App, _functions.Client, "GET", "/api/openapi.json", null);

        Assert.Equal(200, served.Status);
        Assert.True(function.Status == 200, function.Body);
        var paths = JsonNode.Parse(function.Body)!["paths"]!.AsObject();
        Assert.Contains("/api/models/{name}/predict", paths.Select(p => p.Key));
        Assert.Equal(JsonNode.Parse(served.Body)!["paths"]!.ToJsonString(), paths.ToJsonString());
    }

    private async Task<HttpAnswer> ServeAsync(string method, string path, string? json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _http.SendAsync(request);
        return new HttpAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The body as canonical JSON without per-request trace ids; non-JSON bodies as they are.</summary>
    private static string Normalized(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            if (node is JsonObject o)
            {
                o.Remove("traceId");
            }

            return node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "";
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
