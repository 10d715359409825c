using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Monitoring;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Samples;

namespace MlopsServerless.Core.Tests.Monitoring.Checks;

/// <summary>The whole monitoring loop: served predictions are logged, checked against the training profile, and drift triggers retraining.</summary>
public sealed class DriftMonitorTests : IDisposable
{
    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    private async Task TrainAsync()
    {
        var (_, run) = await _core.StartChurnRunAsync("churn", CoreHarness.Churn(1200, 7), CoreHarness.LogregOnly);
        await _core.Engine.RunAsync(run.Id, null, CoreHarness.None);
    }

    /// <summary>Serves <paramref name="rows"/> customers of the sample (drifted by <paramref name="shift"/>) and flushes the log.</summary>
    private async Task<PredictionResponse> ServeAsync(int rows, int seed, double shift)
    {
        await using var log = new PredictionLog(_core.Store, _core.Records, Options.Create(new PredictionLogOptions { SamplingRate = 1 }), NullLogger<PredictionLog>.Instance);
        var service = new PredictionService(_core.Registry, new ModelCache(_core.Registry), _core.Time, log);
        var body = JsonSerializer.SerializeToElement(ChurnSample.Customers(rows, seed, shift));
        var answer = await service.PredictAsync("churn", ModelSelector.Production, body, CoreHarness.None);
        await log.FlushAsync(CoreHarness.None);
        return answer;
    }

    private RetrainingTrigger Trigger() => new(_core.RetrainingHistory, _core.Registry, _core.Runs, _core.Pipelines, _core.Events,
        Options.Create(new RetrainingOptions()), _core.Time, NullLogger<RetrainingTrigger>.Instance);

    private PredictionLogRetention Retention() =>
        new(_core.Store, _core.Records, Options.Create(new PredictionLogOptions()), _core.Time, NullLogger<PredictionLogRetention>.Instance);

    private DriftMonitor Monitor() =>
        new(_core.Store, _core.Registry, new PredictionLogReader(_core.Store), Trigger(), Options.Create(new DriftMonitorOptions()), _core.Time);

    [Fact]
    public async Task CheckAsync_DriftedTraffic_StoresReportTriggersRetrainingAndPublishesDriftDetected()
    {
        await TrainAsync();
        await ServeAsync(600, seed: 21, shift: 1);
        _core.Time.Advance(TimeSpan.FromMinutes(5));

        var check = await Monitor().CheckAsync("churn", CoreHarness.None);

        Assert.Equal(DriftVerdict.Drifted, check.Report.Verdict);
        Assert.Equal(600, check.Report.CurrentRows);
        Assert.Equal("churn:1", check.Report.ModelId);
        Assert.Contains(check.Report.Features, f => f.Name == "monthly_charges" && f.Verdict == DriftVerdict.Drifted);
        Assert.Contains(check.Report.Features, f => f.Name == OutputDrift.Column);
        Assert.True(await _core.ExistsAsync(check.ReportKey));
        Assert.Equal(RetrainingOutcome.Started, check.Retraining!.Outcome);
        Assert.Contains("monthly_charges", check.Retraining.Reason, StringComparison.Ordinal);
        var drift = Assert.Single(await _core.EventLinesAsync(), e => e.GetProperty("type").GetString() == EventTypes.DriftDetected);
        Assert.Equal(check.Retraining.RunId, drift.GetProperty("data").GetProperty("retrainingRunId").GetString());
        Assert.Equal(check.Report.Verdict, (await Monitor().LatestAsync("churn", CoreHarness.None))!.Verdict);
    }

    [Fact]
    public async Task CheckAsync_TrafficLikeTraining_IsNotDriftedAndStartsNothing()
    {
        await TrainAsync();
        await ServeAsync(600, seed: 22, shift: 0);
        _core.Time.Advance(TimeSpan.FromMinutes(5));

        var check = await Monitor().CheckAsync("churn", CoreHarness.None);

        Assert.NotEqual(DriftVerdict.Drifted, check.Report.Verdict);
        Assert.Null(check.Retraining);
        Assert.Single(_core.Launcher.Launched); // the run that trained the model, and no retraining run
    }

    [Fact]
    public async Task CheckAsync_TooFewLoggedRows_SaysNotEnoughData()
    {
        await TrainAsync();
        await ServeAsync(20, seed: 23, shift: 1);
        _core.Time.Advance(TimeSpan.FromMinutes(5));

        var check = await Monitor().CheckAsync("churn", CoreHarness.None);

        Assert.Equal(DriftVerdict.NotEnoughData, check.Report.Verdict);
        Assert.Null(check.Retraining);
    }

    [Fact]
    public async Task CheckAsync_LogsOlderThanTheWindow_AreNotRead()
    {
        await TrainAsync();
        await ServeAsync(600, seed: 24, shift: 1);
        _core.Time.Advance(TimeSpan.FromHours(25));

        var check = await Monitor().CheckAsync("churn", CoreHarness.None);

        Assert.Equal(0, check.Report.CurrentRows);
        Assert.Equal(DriftVerdict.NotEnoughData, check.Report.Verdict);
    }

    [Fact]
    public async Task CheckAsync_NoProductionVersion_IsFailedPrecondition()
    {
        var e = await Assert.ThrowsAsync<Errors.MlopsException>(() => Monitor().CheckAsync("nothing", CoreHarness.None));
        Assert.Equal(Errors.ErrorCode.NotFound, e.Code);
    }

    [Fact]
    public async Task ScheduledMonitoring_WrongPredictionsWithoutDrift_RetrainsForThePerformanceDrop()
    {
        await TrainAsync();
        var answer = await ServeAsync(600, seed: 25, shift: 0);
        var feedback = new FeedbackStore(_core.Store, _core.Records, _core.Registry, new PredictionLogReader(_core.Store), _core.Time);
        // Ground truth that contradicts every prediction: live accuracy 0, far below the test accuracy.
        var labels = answer.Predictions.Select(p => new { predictionId = p.PredictionId, label = p.Label == "yes" ? "no" : "yes" }).ToList();
        await feedback.RecordAsync("churn", JsonSerializer.SerializeToElement(labels), CoreHarness.None);
        _core.Time.Advance(TimeSpan.FromMinutes(5));
        var performance = new LivePerformance(_core.Registry, feedback, new PredictionLogReader(_core.Store), Options.Create(new LivePerformanceOptions()), _core.Time);

        var pass = await new ScheduledMonitoring(Monitor(), performance, Trigger(), Retention(), _core.Time).RunAsync("churn", CoreHarness.None);

        Assert.NotEqual(DriftVerdict.Drifted, pass.Drift.Report.Verdict);
        Assert.True(pass.Performance.Degraded);
        Assert.Equal(RetrainingSignalKind.PerformanceDrop, pass.PerformanceRetraining!.Kind);
        Assert.Equal(RetrainingOutcome.Started, pass.PerformanceRetraining.Outcome);
    }
}
