using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage.Leases;
using MlopsServerless.Core.Tracking;
using MlopsServerless.Dashboard.Tests.Support;

namespace MlopsServerless.Dashboard.Tests;

/// <summary>The dashboard in headless Chromium against mlops serve on a trained data directory.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardFixture fixture)
{
    private DemoServer Server => fixture.Server;

    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("phone", 390, 844)]
    public async Task EveryPage_SignedIn_RendersRealDataWithoutConsoleErrors(string device, int width, int height)
    {
        await using var tab = await DashboardPage.OpenAsync(fixture, width, height);
        await tab.SignInAsync(Server.Key);

        await tab.GoAsync("models?model=churn");
        await Assertions.Expect(tab.View.Locator("tr[data-version='2']")).ToContainTextAsync("v2");
        await Assertions.Expect(tab.View).ToContainTextAsync("Intended use");
        await Assertions.Expect(tab.View).ToContainTextAsync("tenure_months");
        await tab.ScreenshotAsync($"models-{device}");

        await tab.GoAsync($"runs?run={Server.FirstRunId}");
        await Assertions.Expect(tab.View.Locator("#candidates tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(tab.View.Locator("#run-details svg[aria-label^='Steps of run']")).ToBeVisibleAsync();
        await Assertions.Expect(tab.View).ToContainTextAsync("Metric by run");
        await tab.ScreenshotAsync($"runs-{device}");

        await tab.GoAsync("datasets?dataset=churn");
        await Assertions.Expect(tab.View.Locator("[data-column='tenure_months'] svg rect")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(tab.View.Locator("[data-column='contract'] svg")).ToContainTextAsync("month-to-month");
        await Assertions.Expect(tab.View).ToContainTextAsync("Quarantined uploads");
        await tab.ScreenshotAsync($"datasets-{device}");

        await tab.GoAsync("monitoring?model=churn");
        await Assertions.Expect(tab.View.Locator("#drift-history tbody tr").First).ToContainTextAsync("drifted");
        await Assertions.Expect(tab.View.Locator("#distribution svg")).ToContainTextAsync("reference");
        await Assertions.Expect(tab.View).ToContainTextAsync("Live performance");
        await Assertions.Expect(tab.View.Locator("#retraining")).ToContainTextAsync("Disabled");
        await tab.ScreenshotAsync($"monitoring-{device}");

        await tab.GoAsync("health");
        await Assertions.Expect(tab.View.Locator("#data-location")).ToHaveTextAsync(Path.GetFullPath(Server.DataDir));
        await tab.ScreenshotAsync($"health-{device}");

        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task PromoteAndRollback_ThroughTheUi_ChangeTheRegistryAndTheAudit()
    {
        await using var tab = await DashboardPage.SignedInAsync(fixture, "models?model=churn&version=2");

        await tab.Page.Locator("#stage-select").SelectOptionAsync("Production");
        await tab.Page.Locator("#stage-reason").FillAsync("reviewed in the dashboard");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Change stage" }).ClickAsync();
        await Assertions.Expect(tab.View).ToContainTextAsync("Version 2: Staging → Production.");
        Assert.Equal(2, await ProductionVersionAsync());
        await Assertions.Expect(tab.Page.Locator("#history tbody tr").First).ToContainTextAsync("reviewed in the dashboard");

        await tab.Page.Locator("#rollback-reason").FillAsync("canary looked worse");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await Assertions.Expect(tab.View).ToContainTextAsync("Rolled back: version 1 is in Production again.");
        Assert.Equal(1, await ProductionVersionAsync());
        await Assertions.Expect(tab.Page.Locator("#history tbody tr").First).ToContainTextAsync("canary looked worse");

        var audit = await Server.Http.GetFromJsonAsync<JsonElement>("/api/models/churn/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("reason").GetString() == "reviewed in the dashboard" && e.GetProperty("version").GetInt32() == 2);
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("reason").GetString() == "rollback: canary looked worse" && e.GetProperty("version").GetInt32() == 1);
        await tab.ScreenshotAsync("models-after-rollback-desktop");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Alias_SetThroughTheUi_PointsAtTheVersionAndIsAudited()
    {
        await using var tab = await DashboardPage.SignedInAsync(fixture, "models?model=churn&version=2");

        await tab.Page.Locator("#alias-name").FillAsync("challenger");
        await tab.Page.Locator("#alias-reason").FillAsync("shadow traffic next week");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Set alias" }).ClickAsync();

        await Assertions.Expect(tab.View).ToContainTextAsync("Alias challenger now points at version 2.");
        var model = await Server.Http.GetFromJsonAsync<JsonElement>("/api/models/churn");
        Assert.Equal(2, model.GetProperty("aliases").GetProperty("challenger").GetInt32());
        await Assertions.Expect(tab.Page.Locator("#history tbody tr").First).ToContainTextAsync("shadow traffic next week");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Runs_TwoTicked_AreComparedMetricByMetric()
    {
        await using var tab = await DashboardPage.SignedInAsync(fixture, "runs?dataset=churn&status=Completed");
        var boxes = tab.View.Locator("input[type='checkbox']");

        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();

        var comparison = tab.View.Locator("table", new() { Has = tab.Page.Locator("caption", new() { HasText = "Test metrics of the ticked runs" }) });
        await Assertions.Expect(comparison.Locator("thead th")).ToHaveCountAsync(3);
        await Assertions.Expect(comparison.Locator("tbody")).ToContainTextAsync("auc");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task FailedRun_OpenedFromTheFilteredList_ShowsItsReason()
    {
        await using var tab = await DashboardPage.SignedInAsync(fixture, "runs?status=Failed");

        await tab.View.Locator($"tr[data-run='{Server.FailedRunId}'] a").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("#failure-reason")).ToContainTextAsync("is damaged");
        await Assertions.Expect(tab.Page.Locator("#run-failure")).ToContainTextAsync("This run failed.");
        await tab.ScreenshotAsync("runs-failed-desktop");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Candidates_ClickOnAMetric_SortsByIt()
    {
        await using var tab = await DashboardPage.SignedInAsync(fixture, $"runs?run={Server.FirstRunId}");
        var logloss = tab.Page.GetByRole(AriaRole.Button, new() { Name = "sort by logloss" });

        await logloss.ClickAsync();
        var descending = await LoglossColumnAsync(tab);
        await logloss.ClickAsync();
        var ascending = await LoglossColumnAsync(tab);

        Assert.Equal(descending.OrderDescending(), descending);
        Assert.Equal(ascending.Order(), ascending);
        Assert.NotEqual(descending, ascending);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task PendingRun_Opened_UpdatesItsTimelineUntilItCompletes()
    {
        // The run is recorded but not launched, so the page surely sees it unfinished; the test then runs it.
        var version = (await Server.Http.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray()
            .Single(d => d.GetProperty("name").GetString() == DemoServer.Model).GetProperty("latestVersion").GetString()!;
        var config = new PipelineConfig(Seed: 17, Promotion: new PromotionPolicy(AutoPromote: false));
        var now = DateTimeOffset.UtcNow;
        var pending = new PipelineRun(RunIds.For(DemoServer.Model, version, "churn-live", config), DemoServer.Model, version, "churn-live", config,
            PipelineStatus.Pending, now, now, CodeVersion.Current, "test");
        // The server's runner rescans for unfinished runs (every 15 s) and would start this one whenever a rescan lands
        // before the page has seen it Pending: holding the run's lease keeps it waiting until the test runs it.
        var held = await Server.App.Services.GetRequiredService<LeaseManager>().TryAcquireAsync(RunLeases.LeaseName(pending.Id), null, default);
        Assert.NotNull(held);
        held.KeepRenewing();
        await Server.App.Services.GetRequiredService<RunStore>().CreateAsync(pending, default);

        await using var tab = await DashboardPage.SignedInAsync(fixture, $"runs?run={pending.Id}");
        var status = tab.Page.Locator("#run-details dd .badge").First;
        var timeline = tab.Page.Locator("#run-details svg[aria-label^='Steps of run']");
        await Assertions.Expect(status).ToHaveTextAsync("Pending");
        await Assertions.Expect(timeline).ToContainTextAsync("running…");
        await held.DisposeAsync();

        var finished = await Server.App.Services.GetRequiredService<LocalPipelineEngine>().RunAsync(pending.Id, null, default);

        Assert.Equal(PipelineStatus.Completed, finished.Status);
        await Assertions.Expect(status).ToHaveTextAsync("Completed");
        await Assertions.Expect(timeline).ToContainTextAsync("FinishRun");
        await Assertions.Expect(timeline).Not.ToContainTextAsync("running…");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task WrongKey_AtSignIn_ShowsThePromptAndNoData()
    {
        await using var tab = await DashboardPage.OpenAsync(fixture);
        await Assertions.Expect(tab.Page.Locator("#login")).ToBeVisibleAsync();

        await tab.SignInAsync("not-the-key-" + Guid.NewGuid().ToString("N"));

        await Assertions.Expect(tab.Page.Locator("#login-error")).ToContainTextAsync("refused");
        await Assertions.Expect(tab.Page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(tab.View).ToBeHiddenAsync();
        Assert.Equal(0, await tab.Page.Locator("table").CountAsync());
        Assert.Null(await tab.Page.EvaluateAsync<string?>("sessionStorage.getItem('mlops.apiKey')"));
        await tab.ScreenshotAsync("login-wrong-key-desktop");
    }

    [Fact]
    public async Task KeyRefusedLater_OnNavigation_ShowsThePromptAgain()
    {
        await using var tab = await DashboardPage.SignedInAsync(fixture, "health");

        await tab.Page.EvaluateAsync("sessionStorage.setItem('mlops.apiKey', 'revoked-key')");
        await tab.Page.GotoAsync(new Uri(Server.Address, "/#/models").ToString());

        await Assertions.Expect(tab.Page.Locator("#login-error")).ToContainTextAsync("refused");
        await Assertions.Expect(tab.View).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Quarantine_RefusedUpload_IsListedWithItsReport()
    {
        await using var tab = await DashboardPage.SignedInAsync(fixture, "datasets?dataset=churn");

        await Assertions.Expect(tab.Page.Locator("#quarantine [data-quarantine]")).ToHaveCountAsync(1);
        await Assertions.Expect(tab.Page.Locator("#quarantine")).ToContainTextAsync("notes.csv");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Retry_FailedRun_OpensTheNewRunLinkedToIt()
    {
        await using var tab = await DashboardPage.SignedInAsync(fixture, $"runs?run={Server.FailedRunId}");

        await tab.Page.Locator("#retry-run").ClickAsync();

        await Assertions.Expect(tab.Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex(Server.FailedRunId + "$"));
        await Assertions.Expect(tab.Page.Locator("#run-details")).ToContainTextAsync(Server.FailedRunId);
        Assert.Empty(tab.Errors);
    }

    private async Task<int> ProductionVersionAsync()
    {
        var models = await Server.Http.GetFromJsonAsync<JsonElement>("/api/models");
        return models.EnumerateArray().Single(m => m.GetProperty("name").GetString() == DemoServer.Model).GetProperty("productionVersion").GetInt32();
    }

    private static async Task<List<double>> LoglossColumnAsync(DashboardPage tab)
    {
        var headers = await tab.Page.Locator("#candidates thead th").AllInnerTextsAsync();
        var column = headers.ToList().FindIndex(h => h.StartsWith("logloss", StringComparison.Ordinal));
        var cells = await tab.Page.Locator($"#candidates tbody tr td:nth-child({column + 1})").AllInnerTextsAsync();
        return cells.Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}
