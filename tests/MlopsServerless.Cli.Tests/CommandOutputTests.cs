using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Tests;

/// <summary>The machine-readable outputs scripts and benchmarks depend on: mlops train --json and mlops drift compare --json.</summary>
public sealed class CommandOutputTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TempDataDir _data = new();

    public void Dispose() => _data.Dispose();

    private string Write(string name, string csv)
    {
        var path = Path.Combine(_data.Path, name);
        File.WriteAllText(path, csv);
        return path;
    }

    [Theory]
    [InlineData("logreg", "churned", "binary", new[] { "auc", "logloss", "accuracy", "f1" })]
    [InlineData("gbdt", "churned", "binary", new[] { "auc", "logloss", "accuracy", "f1" })]
    [InlineData("linear", "monthly_charges", "regression", new[] { "rmse", "mae", "r2" })]
    [InlineData("mlnet-lightgbm", "churned", "binary", new[] { "auc", "logloss", "accuracy", "f1" })]
    [InlineData("mlnet-lightgbm", "contract", "multiclass", new[] { "accuracy", "logloss", "f1" })]
    [InlineData("mlnet-lightgbm", "monthly_charges", "regression", new[] { "rmse", "mae", "r2" })]
    [InlineData("mlnet-fasttree", "churned", "binary", new[] { "auc", "logloss", "accuracy", "f1" })]
    [InlineData("mlnet-fasttree", "monthly_charges", "regression", new[] { "rmse", "mae", "r2" })]
    [InlineData("mlnet-lbfgs", "churned", "binary", new[] { "auc", "logloss", "accuracy", "f1" })]
    [InlineData("mlnet-lbfgs", "contract", "multiclass", new[] { "accuracy", "logloss", "f1" })]
    [InlineData("mlnet-sdca", "monthly_charges", "regression", new[] { "rmse", "mae", "r2" })]
    public async Task Train_Json_PrintsOneObjectWithTaskTimingsAndTestMetrics(string algorithm, string label, string task, string[] metrics)
    {
        var file = Write("churn.csv", ChurnSample.Generate(1500, 4));
        var (code, output) = await MlopsProcess.RunAsync(Timeout, "train", file, "--label", label, "--algorithm", algorithm, "--seed", "3", "--test-split", "last:0.2", "--json");
        Assert.True(code == 0, output);
        var result = JsonSerializer.Deserialize<JsonElement>(output.Trim());
        Assert.Equal(task, result.GetProperty("task").GetString());
        Assert.Equal(algorithm, result.GetProperty("algorithm").GetString());
        Assert.Equal(300, result.GetProperty("test_rows").GetInt32());
        Assert.True(result.GetProperty("train_seconds").GetDouble() > 0);
        Assert.True(result.GetProperty("predict_us_per_row").GetDouble() > 0);
        foreach (var metric in metrics)
        {
            Assert.True(result.GetProperty("metrics").TryGetProperty(metric, out _), $"metrics.{metric} in {output}");
        }
    }

    [Fact]
    public async Task Runs_MoreThanAPage_PrintsTheTokenThatListsTheRestOnce()
    {
        await using (var services = LocalServices.ForCommand(_data.Path))
        {
            var runs = services.GetRequiredService<RunStore>();
            var start = DateTimeOffset.UtcNow.AddHours(-1);
            for (var i = 0; i < 5; i++)
            {
                await runs.CreateAsync(new PipelineRun($"run-{i}", "churn", "v1", "churn", new Core.Pipeline.PipelineConfig(), Core.Pipeline.PipelineStatus.Completed,
                    start.AddMinutes(i), start.AddMinutes(i), null, "test"), default);
            }
        }

        var (code, first) = await MlopsProcess.RunAsync(Timeout, "runs", "--page-size", "3", "--data-dir", _data.Path);
        Assert.True(code == 0, first);
        var token = first.Split('\n').Single(l => l.StartsWith("more runs: add --page-token ", StringComparison.Ordinal))["more runs: add --page-token ".Length..].Trim();
        (code, var second) = await MlopsProcess.RunAsync(Timeout, "runs", "--page-size", "3", "--page-token", token, "--data-dir", _data.Path);

        Assert.True(code == 0, second);
        Assert.Equal(["run-4", "run-3", "run-2"], Listed(first));
        Assert.Equal(["run-1", "run-0"], Listed(second));
        Assert.DoesNotContain("more runs", second, StringComparison.Ordinal);

        static List<string> Listed(string output) => output.Split('\n').Where(l => l.StartsWith("run-", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToList();
    }

    [Fact]
    public async Task Train_UnknownParameter_ExitsOneNamingIt()
    {
        var file = Write("churn.csv", ChurnSample.Generate(300, 4));
        var (code, output) = await MlopsProcess.RunAsync(Timeout, "train", file, "--label", "churned", "--algorithm", "gbdt", "--set", "max_dept=3");
        Assert.Equal(1, code);
        Assert.Contains("max_dept", output);
    }

    [Fact]
    public async Task DriftCompare_Json_ShiftedFileDriftsAndTheSameFileDoesNot()
    {
        var reference = Write("reference.csv", ChurnSample.Generate(3000, 1));
        var shifted = Write("shifted.csv", ChurnSample.Generate(3000, 2, shift: 1));

        var (code, output) = await MlopsProcess.RunAsync(Timeout, "drift", "compare", reference, shifted, "--exclude", "churned", "--json");
        Assert.True(code == 0, output);
        var report = JsonSerializer.Deserialize<JsonElement>(output.Trim());
        Assert.NotEqual("no_drift", report.GetProperty("verdict").GetString());
        var charges = report.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "monthly_charges");
        Assert.Equal("drifted", charges.GetProperty("verdict").GetString());
        foreach (var field in new[] { "psi", "ks_statistic", "ks_pvalue", "chi2_pvalue", "js_distance", "verdict", "kind" })
        {
            Assert.True(charges.TryGetProperty(field, out _), field);
        }

        var (same, sameOutput) = await MlopsProcess.RunAsync(Timeout, "drift", "compare", reference, reference, "--exclude", "churned", "--json");
        Assert.Equal(0, same);
        Assert.Equal("no_drift", JsonSerializer.Deserialize<JsonElement>(sameOutput.Trim()).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Start_WithASearchConfig_TrainsEveryGridPointOfTheExistingDatasetVersion()
    {
        var file = Write("shop.csv", ChurnSample.Generate(800, 6));
        var (ran, ranOutput) = await MlopsProcess.RunAsync(Timeout, "run", file, "--label", "churned", "--data-dir", _data.Path);
        Assert.True(ran == 0, ranOutput);
        var config = Write("config.json", """{"search":[{"algorithm":"logreg","parameters":[{"name":"l2","kind":"Choice","values":["0.1","1","10"]}]}],"seed":5}""");

        var (code, output) = await MlopsProcess.RunAsync(Timeout, "start", "shop", "--config", config, "--model", "shop-search", "--data-dir", _data.Path);

        Assert.True(code == 0, output);
        Assert.Equal(3, output.Split('\n').Count(l => l.TrimStart().StartsWith("candidate ", StringComparison.Ordinal)));
        Assert.Contains("registered: model 'shop-search' version 1", output);
    }

    [Fact]
    public async Task Ingest_Json_VersionsTheFileWithoutTrainingAndReportsThroughput()
    {
        var file = Write("shop.csv", ChurnSample.Generate(500, 8));
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

        var (code, output) = await MlopsProcess.RunAsync(Timeout, "ingest", file, "--dataset", "shop", "--label", "churned", "--json", "--data-dir", _data.Path);
        var (again, againOutput) = await MlopsProcess.RunAsync(Timeout, "ingest", file, "--dataset", "shop", "--json", "--data-dir", _data.Path);

        Assert.True(code == 0, output);
        var result = JsonSerializer.Deserialize<JsonElement>(output.Trim());
        var version = result.GetProperty("version");
        Assert.Equal(sha256, version.GetProperty("sha256").GetString());
        Assert.Equal(sha256[..16], version.GetProperty("version").GetString());
        Assert.Equal(500, version.GetProperty("rowCount").GetInt64());
        Assert.False(result.GetProperty("reused").GetBoolean());
        Assert.True(result.GetProperty("timing").GetProperty("ingestMegabytesPerSecond").GetDouble() > 0);
        Assert.True(File.Exists(Path.Combine(_data.Path, "datasets", "shop", sha256[..16], "manifest.json")));
        await using (var services = LocalServices.ForCommand(_data.Path))
        {
            Assert.Empty((await services.GetRequiredService<RunStore>().ListAsync(null, null, 10, null, default)).Runs); // ingest must not start a training run
        }

        Assert.True(again == 0, againOutput);
        Assert.True(JsonSerializer.Deserialize<JsonElement>(againOutput.Trim()).GetProperty("reused").GetBoolean());
    }
}
