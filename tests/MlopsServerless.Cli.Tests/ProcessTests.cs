using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Tests;

/// <summary>The real mlops program as a user runs it: its exit codes, what it prints, what it leaves on disk.</summary>
public sealed class ProcessTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(3);
    private readonly TempDataDir _data = new();

    public void Dispose() => _data.Dispose();

    private static JsonElement ReadJson(string path) => JsonSerializer.Deserialize<JsonElement>(File.ReadAllBytes(path));

    /// <summary>A run as stored in the data directory (its record store), read the way another mlops command would.</summary>
    private async Task<PipelineRun> ReadRunAsync(string runId)
    {
        await using var services = LocalServices.ForCommand(_data.Path);
        return await services.GetRequiredService<RunStore>().GetRequiredAsync(runId, default);
    }

    [Fact]
    public async Task Demo_TwiceOnTheSameDataDir_ExitsZeroAndRegistersOneVersion()
    {
        var (first, output) = await MlopsProcess.RunAsync(Long, "demo", "--data-dir", _data.Path, "--rows", "800");
        Assert.True(first == 0, output);
        Assert.Contains("registered: model 'churn' version 1, stage Production", output);
        Assert.Contains("POST /api/models/churn/predict", output);
        Assert.Contains($"Dashboard: run ./mlops serve --data-dir {_data.Path}, then open http://127.0.0.1:5080/", output.TrimEnd().Split('\n')[^1]);

        var (second, again) = await MlopsProcess.RunAsync(Long, "demo", "--data-dir", _data.Path, "--rows", "800");
        Assert.True(second == 0, again);
        Assert.Contains("same bytes as before: reused", again);
        Assert.Contains("already finished", again);

        await using (var services = LocalServices.ForCommand(_data.Path))
        {
            Assert.Single((await services.GetRequiredService<ModelRegistry>().GetRequiredAsync("churn", default)).Versions);
        }

        Assert.Single(Directory.GetDirectories(Path.Combine(_data.Path, "datasets", "churn")));
    }

    [Fact]
    public async Task RunsRetry_FailedRun_TrainsANewRunLinkedToIt()
    {
        string failed;
        await using (var services = LocalServices.ForCommand(_data.Path))
        {
            var store = services.GetRequiredService<IObjectStore>();
            await store.PutAsync("incoming/churn/a.csv", Encoding.UTF8.GetBytes(ChurnSample.Generate(300, 5)), WriteCondition.None, default);
            var (_, run) = await services.GetRequiredService<UploadProcessor>().ProcessAsync("incoming/churn/a.csv", ChurnSample.Label, default);
            failed = run!.Id;
            await services.GetRequiredService<RunStore>().UpdateAsync(
                failed, r => r with { Status = PipelineStatus.Failed, Error = "killed" }, default);
        }

        var (code, output) = await MlopsProcess.RunAsync(Long, "runs", "retry", failed, "--data-dir", _data.Path);

        Assert.True(code == 0, output);
        Assert.Contains($"retry of {failed}", output);
        Assert.Contains($"run {failed}-a2: Completed", output);
        Assert.Equal($"{failed}-a2", (await ReadRunAsync(failed)).RetriedBy);
    }

    [Fact]
    public async Task Run_BadFile_IsQuarantinedWithExitCode2AndTheLine()
    {
        var file = Path.Combine(_data.Path, "ragged.csv");
        await File.WriteAllTextAsync(file, "a,b,label\n1,2,yes\n3,4\n");
        var (code, output) = await MlopsProcess.RunAsync(Long, "run", file, "--data-dir", _data.Path);
        Assert.Equal(2, code);
        Assert.Contains("[ragged_row] line 3", output);
        var quarantined = Directory.GetFiles(Path.Combine(_data.Path, "quarantine", "ragged"), "*", SearchOption.AllDirectories);
        Assert.Contains(quarantined, f => f.EndsWith("ragged.csv", StringComparison.Ordinal) && File.ReadAllText(f) == "a,b,label\n1,2,yes\n3,4\n");
        Assert.Contains(quarantined, f => f.EndsWith("report.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_DroppedFile_IsIngestedAndTrainedByTheWatcher()
    {
        var port = MlopsProcess.FreePort();
        using var serve = MlopsProcess.Start("serve", "--data-dir", _data.Path, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.WaitForAsync(async () =>
        {
            try
            {
                return (await http.GetAsync("/api/health")).IsSuccessStatusCode ? "up" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(60), "mlops serve to answer /api/health");

        Directory.CreateDirectory(Path.Combine(_data.Path, "incoming", "shop"));
        var csv = ChurnSample.Generate(500, 11).Replace("churned", "label", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_data.Path, "incoming", "shop", "week1.csv"), csv);

        http.DefaultRequestHeaders.Add("x-functions-key", await File.ReadAllTextAsync(Path.Combine(_data.Path, ".secrets", "api-key")));
        await Eventually.WaitForAsync(async () =>
        {
            using var model = await http.GetAsync("/api/models/shop");
            return model.IsSuccessStatusCode && (await model.Content.ReadAsStringAsync()).Contains("\"Production\"", StringComparison.Ordinal) ? "yes" : null;
        }, Long, "the dropped file to be trained and promoted\n" + serve.Output);
        var runs = await http.GetFromJsonAsync<JsonElement>("/api/pipelines?dataset=shop");
        Assert.Equal(1, runs.GetProperty("runs").GetArrayLength());
        Assert.False(File.Exists(Path.Combine(_data.Path, "incoming", "shop", "week1.csv")), "the upload is removed once its dataset version is stored");
    }

    [Fact]
    public async Task Serve_KilledDuringTraining_ResumesAfterRestartWithOneModelVersion()
    {
        await File.WriteAllTextAsync(Path.Combine(_data.Path, "churn.csv"), ChurnSample.Generate(3000, 5));
        // The dataset is versioned (and a first model trained) by a one-shot run; the slow run to kill is then started from the API.
        var port = MlopsProcess.FreePort();
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = MlopsProcess.Start("serve", "--data-dir", _data.Path, "--port", portText, "--no-watch");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitUpAsync(http);
        http.DefaultRequestHeaders.Add("x-functions-key", await File.ReadAllTextAsync(Path.Combine(_data.Path, ".secrets", "api-key")));

        var (code, output) = await MlopsProcess.RunAsync(Long, "run", Path.Combine(_data.Path, "churn.csv"), "--label", "churned", "--data-dir", _data.Path);
        Assert.True(code == 0, output);

        // Six boosted-tree candidates of ~1 s each, one at a time: the kill lands after some have checkpointed and before the run finishes.
        var candidates = Enumerable.Range(0, 6).Select(i => new
        {
            algorithm = "gbdt",
            parameters = new Dictionary<string, string> { ["n_estimators"] = "400", ["early_stopping_rounds"] = "0", ["threads"] = "1", ["learning_rate"] = (0.02 * (i + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        var started = await (await http.PostAsJsonAsync("/api/pipelines", new { dataset = "churn", model = "resumed", config = new { candidates, maxParallelCandidates = 1 } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var runId = started.GetProperty("id").GetString()!;
        var steps = Path.Combine(_data.Path, "runs", runId, "steps");
        await Eventually.WaitForAsync(() => Task.FromResult(Directory.Exists(steps) && Directory.GetFiles(steps, "*TrainCandidate.json").Length >= 1 ? "trained one" : null),
            Long, "the first candidate checkpoint");
        first.Kill();
        first.Dispose();

        var checkpointsAtKill = Directory.GetFiles(steps).Select(Path.GetFileName).ToHashSet();
        Assert.DoesNotContain(checkpointsAtKill, f => f!.EndsWith("FinishRun.json", StringComparison.Ordinal));
        Assert.Equal(PipelineStatus.Running, (await ReadRunAsync(runId)).Status);

        using var second = MlopsProcess.Start("serve", "--data-dir", _data.Path, "--port", portText, "--no-watch");
        await WaitUpAsync(http);
        var run = await Eventually.WaitForAsync(async () =>
        {
            var r = await http.GetFromJsonAsync<JsonElement>($"/api/pipelines/{runId}");
            return r.GetProperty("status").GetString() is "Completed" or "Failed" ? (object)r : null;
        }, Long, "the resumed run to finish\n" + second.Output);
        var record = (JsonElement)run;
        Assert.Equal("Completed", record.GetProperty("status").GetString());

        var model = await http.GetFromJsonAsync<JsonElement>("/api/models/resumed");
        Assert.Equal(1, model.GetProperty("versions").GetArrayLength());
        Assert.Equal(6, record.GetProperty("candidates").GetArrayLength());
        // FinishRun marks the run Completed from inside the step; the engine records that step's own entry just after
        // it returns, so the step list catches up with the checkpoints a moment later.
        var sequences = await Eventually.WaitForAsync(async () =>
        {
            var r = await http.GetFromJsonAsync<JsonElement>($"/api/pipelines/{runId}");
            var s = r.GetProperty("steps").EnumerateArray().Select(x => x.GetProperty("sequence").GetInt32()).ToList();
            return s.Count == Directory.GetFiles(steps).Length ? s : null;
        }, TimeSpan.FromSeconds(30), "a step record for every checkpoint");
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        foreach (var kept in checkpointsAtKill)
        {
            Assert.True(File.Exists(Path.Combine(steps, kept!)), $"checkpoint {kept} written before the kill is still there");
        }

        var events = File.ReadAllLines(Directory.GetFiles(Path.Combine(_data.Path, "events"))[0]).Where(l => l.Contains("\"model-registered:resumed:", StringComparison.Ordinal));
        Assert.Single(events);
    }

    private static async Task WaitUpAsync(HttpClient http) => await Eventually.WaitForAsync(async () =>
    {
        try
        {
            return (await http.GetAsync("/api/health")).IsSuccessStatusCode ? "up" : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }, TimeSpan.FromSeconds(60), "mlops serve to answer /api/health");
}
