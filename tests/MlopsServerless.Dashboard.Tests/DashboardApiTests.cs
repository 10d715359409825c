using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlopsServerless.Dashboard.Tests.Support;
using MlopsServerless.Http.Dashboard;

namespace MlopsServerless.Dashboard.Tests;

/// <summary>The dashboard's static files and the read-only endpoints it added, over HTTP on the trained server.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardApiTests(DashboardFixture fixture)
{
    private DemoServer Server => fixture.Server;

    private HttpClient Anonymous() => new() { BaseAddress = Server.Address };

    [Fact]
    public async Task Index_WithoutKey_IsHtmlWithAStrictContentSecurityPolicy()
    {
        using var http = Anonymous();
        using var response = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.DoesNotMatch("<script>|<script [^>]*>[^<]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UiFile_SameETagAgain_Is304()
    {
        using var http = Anonymous();
        using var first = await http.GetAsync("/ui/app.js");
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        var etag = first.Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/ui/app.js");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/ui/nothing.js")]
    [InlineData("/ui/..%2Fsecrets")]
    [InlineData("/ui/MlopsServerless.Http.dll")]
    public async Task UiFile_NotADashboardFile_Is404(string path)
    {
        using var http = Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task EveryFileThePageLoads_IsServedWithItsContentType()
    {
        using var http = Anonymous();
        var pending = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var path))
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
            var text = await response.Content.ReadAsStringAsync();
            foreach (Match m in Reference().Matches(text))
            {
                var file = "/ui/" + m.Groups["file"].Value;
                if (seen.Add(file))
                {
                    pending.Enqueue(file);
                }
            }
        }

        Assert.Equal(DashboardFiles.Names.Where(n => n != "index.html").Order(StringComparer.Ordinal), seen.Select(p => p[4..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task History_PageOfOne_IsNewestFirstWithATokenToTheNext()
    {
        var alias = "history-" + Guid.NewGuid().ToString("N")[..8];
        (await Server.Http.PostAsJsonAsync($"/api/models/churn/versions/1/aliases/{alias}", new { reason = "paging test" })).EnsureSuccessStatusCode();

        var first = await Server.Http.GetFromJsonAsync<JsonElement>("/api/models/churn/history?pageSize=1");
        var newest = first.GetProperty("items")[0];
        Assert.Equal("alias:" + alias, newest.GetProperty("action").GetString());
        var token = first.GetProperty("nextPageToken").GetString();
        var second = await Server.Http.GetFromJsonAsync<JsonElement>($"/api/models/churn/history?pageSize=1&pageToken={token}");
        Assert.NotEqual(newest.GetProperty("action").GetString(), second.GetProperty("items")[0].GetProperty("action").GetString());
    }

    [Theory]
    [InlineData("/api/models/churn/history?pageSize=0")]
    [InlineData("/api/models/churn/history?pageToken=abc")]
    [InlineData("/api/monitoring/churn/drift/history?pageSize=201")]
    [InlineData("/api/monitoring/churn/retraining?pageToken=-1")]
    public async Task Paging_BadSizeOrToken_Is400(string path) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.Http.GetAsync(path)).StatusCode);

    [Theory]
    [InlineData("/api/status")]
    [InlineData("/api/models/churn/history")]
    [InlineData("/api/monitoring/churn/drift/history")]
    [InlineData("/api/monitoring/policy")]
    public async Task NewEndpoints_WithoutKey_Are401(string path)
    {
        using var http = Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Profile_EveryColumn_CountsEachPresentValueOnce()
    {
        var datasets = await Server.Http.GetFromJsonAsync<JsonElement>("/api/datasets");
        var version = datasets.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "churn").GetProperty("latestVersion").GetString();

        var profile = await Server.Http.GetFromJsonAsync<JsonElement>($"/api/datasets/churn/versions/{version}/profile");

        Assert.Equal(2000, profile.GetProperty("rows").GetInt64());
        foreach (var column in profile.GetProperty("columns").EnumerateArray())
        {
            var present = column.GetProperty("count").GetInt64() - column.GetProperty("missing").GetInt64();
            var counted = column.TryGetProperty("histogram", out var bins)
                ? bins.EnumerateArray().Sum(b => b.GetProperty("count").GetInt64())
                : column.GetProperty("levels").EnumerateArray().Sum(l => l.GetProperty("count").GetInt64()) + column.GetProperty("otherLevels").GetInt64();
            Assert.True(present == counted, $"{column.GetProperty("name")}: {counted} counted, {present} present");
        }
    }

    [Fact]
    public async Task DriftHistory_AfterTheChecks_IsNewestFirstWithTheDriftedCheckOnTop()
    {
        var history = await Server.Http.GetFromJsonAsync<JsonElement>("/api/monitoring/churn/drift/history?pageSize=5");

        var newest = history.GetProperty("items")[0];
        Assert.Equal("Drifted", newest.GetProperty("verdict").GetString());
        Assert.Equal(300, newest.GetProperty("currentRows").GetInt64());
        var times = history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("checkedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Theory]
    [InlineData("tenure_months")]
    [InlineData("contract")]
    public async Task FeatureDistribution_LoggedInputs_EachCountedOnceNextToTheTrainingProfile(string feature)
    {
        var d = await Server.Http.GetFromJsonAsync<JsonElement>($"/api/monitoring/churn/drift/features/{feature}");

        var bins = d.GetProperty("bins").EnumerateArray().ToList();
        Assert.Equal(300, d.GetProperty("currentRows").GetInt64());
        Assert.Equal(300, bins.Sum(b => b.GetProperty("current").GetInt64()));
        Assert.Equal(d.GetProperty("referenceRows").GetInt64(), bins.Sum(b => b.GetProperty("reference").GetInt64()));
        Assert.Equal(1.0, bins.Sum(b => b.GetProperty("referenceShare").GetDouble()), 9);
    }

    [Fact]
    public async Task FeatureDistribution_UnknownFeature_Is404()
    {
        var response = await Server.Http.GetAsync("/api/monitoring/churn/drift/features/shoe_size");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("shoe_size", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retraining_AfterADriftedCheckWithRetrainingOff_RecordsADisabledDecision()
    {
        var decisions = await Server.Http.GetFromJsonAsync<JsonElement>("/api/monitoring/churn/retraining");

        var newest = decisions.GetProperty("items")[0];
        Assert.Equal("Drift", newest.GetProperty("signal").GetString());
        Assert.Equal("Disabled", newest.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Status_WithKey_SaysWhereTheDataLivesAndWhatItHolds()
    {
        var status = await Server.Http.GetFromJsonAsync<JsonElement>("/api/status");

        Assert.Equal(Path.GetFullPath(Server.DataDir), status.GetProperty("storageLocation").GetString());
        Assert.Equal("local folder", status.GetProperty("storageKind").GetString());
        var models = await Server.Http.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal(models.GetArrayLength(), status.GetProperty("models").GetInt32());
        Assert.Equal(2, status.GetProperty("datasets").GetInt32());
    }

    [Fact]
    public async Task Policy_Default_IsTheDocumentedThresholds()
    {
        var policy = await Server.Http.GetFromJsonAsync<JsonElement>("/api/monitoring/policy");

        Assert.Equal(0.05, policy.GetProperty("ksPValueThreshold").GetDouble());
        Assert.Equal(0.2, policy.GetProperty("psiDriftThreshold").GetDouble());
    }

    [GeneratedRegex("""(?:src|href)="/ui/(?<file>[A-Za-z0-9._-]+)"|from '\./(?<file>[A-Za-z0-9._-]+)'""")]
    private static partial Regex Reference();
}
