using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Monitoring;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Http.Problems;

namespace MlopsServerless.Http.Monitoring;

/// <summary>Ground-truth feedback, live performance and the prediction log's counters.</summary>
public static class MonitoringApi
{
    public static RouteGroupBuilder MapMonitoringApi(this RouteGroupBuilder api)
    {
        api.MapPost("/models/{name}/feedback", RecordFeedbackAsync).WithTags("Monitoring")
            .WithMetadata(new BodyHint("{\"predictionId\": \"<id from the predict answer>\", \"label\": \"<the true class>\"} or an array of them"));
        api.MapGet("/monitoring/{model}/performance", GetPerformanceAsync).WithTags("Monitoring");
        api.MapGet("/monitoring/prediction-log", GetPredictionLogCounters).WithTags("Monitoring");
        api.MapGet("/monitoring/{model}/drift", GetDriftAsync).WithTags("Monitoring");
        return api;
    }

    /// <summary>Stores <c>{ "predictionId", "label" }</c> or an array of them; unknown prediction ids are accepted (see <see cref="FeedbackStore"/>).</summary>
    public static async Task<Ok<FeedbackReceipt>> RecordFeedbackAsync(string name, JsonElement body, FeedbackStore feedback, CancellationToken cancellationToken) =>
        TypedResults.Ok(await feedback.RecordAsync(name, body, cancellationToken).ConfigureAwait(false));

    /// <summary>Live metrics over the window next to each version's test metrics, and the drops beyond the threshold.</summary>
    public static async Task<Ok<PerformanceReport>> GetPerformanceAsync(string model, LivePerformance performance, CancellationToken cancellationToken) =>
        TypedResults.Ok(await performance.EvaluateAsync(model, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The model's newest drift report; <c>?run=true</c> (or no report yet) runs a check over the prediction log first,
    /// which stores a new report and may trigger retraining.
    /// </summary>
    /// <remarks>The report keeps its own snake_case shape (the same as <c>mlops drift ... --json</c> and the stored files).</remarks>
    public static async Task<ContentHttpResult> GetDriftAsync(string model, bool? run, DriftMonitor monitor, CancellationToken cancellationToken)
    {
        var latest = run == true ? null : await monitor.LatestAsync(model, cancellationToken).ConfigureAwait(false);
        var report = latest ?? (await monitor.CheckAsync(model, cancellationToken).ConfigureAwait(false)).Report;
        return TypedResults.Text(System.Text.Encoding.UTF8.GetString(report.ToJson()), "application/json");
    }

    public static Ok<PredictionLogCounters> GetPredictionLogCounters(PredictionLog log) => TypedResults.Ok(log.Counters);
}
