using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Dashboard.Tests.Support;

/// <summary>
/// <c>mlops serve</c> in process on a free 127.0.0.1 port over a small data directory trained the way the demo trains:
/// churn v1 (Production) and v2 (Staging, a second run kept out of Production), a run that failed because its dataset
/// version was damaged, one refused upload, served predictions with ground truth, and drift checks (retraining is off,
/// so a drifted check records a Disabled decision instead of starting a run that would change the registry under the tests).
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    public const string Model = "churn";

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "mlops-dashboard-tests", Guid.NewGuid().ToString("N"));

    public WebApplication App { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public string Key { get; private set; } = "";

    public HttpClient Http { get; private set; } = null!;

    public string FailedRunId { get; private set; } = "";

    public string FirstRunId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        App = LocalServer.Build(DataDir, port: 0, watch: false, LogLevel.Warning, s => s.Configure<RetrainingOptions>(o => o.Enabled = false));
        await App.StartAsync();
        Address = new Uri(App.Urls.First());
        Key = ApiKeys.LoadOrCreate(DataDir);
        Http = new HttpClient { BaseAddress = Address };
        Http.DefaultRequestHeaders.Add("x-functions-key", Key);

        var store = App.Services.GetRequiredService<IObjectStore>();
        var engine = App.Services.GetRequiredService<LocalPipelineEngine>();
        var pipelines = App.Services.GetRequiredService<PipelineService>();

        await store.PutAsync("incoming/churn/customers.csv", Encoding.UTF8.GetBytes(ChurnSample.Generate(2000, 7)), WriteCondition.None, default);
        var (_, first) = await App.Services.GetRequiredService<UploadProcessor>().ProcessAsync("incoming/churn/customers.csv", ChurnSample.Label, default);
        FirstRunId = (await engine.RunAsync(first!.Id, null, default)).Id;
        var staged = new PipelineConfig(Seed: 9, Promotion: new PromotionPolicy(AutoPromote: false));
        var (second, _) = await pipelines.StartAsync(Model, null, null, staged, "api", default);
        await engine.RunAsync(second.Id, null, default);

        FailedRunId = await FailedRunAsync(store, engine, pipelines);
        await store.PutAsync("incoming/churn/notes.csv", Encoding.UTF8.GetBytes("only,a,header\n"), WriteCondition.None, default);
        await App.Services.GetRequiredService<DatasetIngestor>().IngestAsync("incoming/churn/notes.csv", ChurnSample.Label, default);

        await ServeAndCheckDriftAsync();
    }

    /// <summary>A run whose dataset version's bytes changed after it was versioned: load + verify refuses it, as it must.</summary>
    private async Task<string> FailedRunAsync(IObjectStore store, LocalPipelineEngine engine, PipelineService pipelines)
    {
        await store.PutAsync("incoming/accounts/accounts.csv", Encoding.UTF8.GetBytes(ChurnSample.Generate(300, 11)), WriteCondition.None, default);
        var outcome = await App.Services.GetRequiredService<DatasetIngestor>().IngestAsync("incoming/accounts/accounts.csv", ChurnSample.Label, default);
        var version = outcome.Version!.Version;
        await store.PutAsync(StorageLayout.DatasetData("accounts", version), Encoding.UTF8.GetBytes(ChurnSample.Generate(300, 12)), WriteCondition.None, default);
        var (run, _) = await pipelines.StartAsync("accounts", version, null, null, "api", default);
        var failed = await engine.RunAsync(run.Id, null, default);
        return failed.Status == PipelineStatus.Failed ? failed.Id : throw new InvalidOperationException($"The damaged dataset's run ended {failed.Status}.");
    }

    /// <summary>Unusual customers served over HTTP, half of them labelled, and drift checks until the log reached the check.</summary>
    private async Task ServeAndCheckDriftAsync()
    {
        (await Http.PostAsync($"/api/monitoring/{Model}/drift/checks", null)).Dispose();
        var customers = ChurnSample.Customers(300, 99, shift: 0.8);
        using var response = await Http.PostAsJsonAsync($"/api/models/{Model}/predict", customers);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var labels = answer.GetProperty("predictions").EnumerateArray().Take(150)
            .Select((p, i) => new { predictionId = p.GetProperty("predictionId").GetString(), label = i % 3 == 0 ? "yes" : "no" }).ToArray();

        // The prediction log is written off the request path, and feedback is refused (404) for an id not written yet.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var feedback = await Http.PostAsJsonAsync($"/api/models/{Model}/feedback", labels);
            if (feedback.StatusCode != System.Net.HttpStatusCode.NotFound || DateTime.UtcNow > deadline)
            {
                feedback.EnsureSuccessStatusCode();
                break;
            }

            await Task.Delay(100);
        }

        while (true)
        {
            using var checkedNow = await Http.PostAsync($"/api/monitoring/{Model}/drift/checks", null);
            var report = await checkedNow.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            if (report.GetProperty("current_rows").GetInt64() == customers.Count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The served predictions never reached the drift check.");
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A background writer may still hold a file; the temp cleaner takes the rest.
        }
    }
}
