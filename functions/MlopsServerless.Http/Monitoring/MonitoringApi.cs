using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;

namespace MlopsServerless.Http.Monitoring;

/// <summary>Ground-truth feedback, live performance and the prediction log's counters.</summary>
public static class MonitoringApi
{
    public static RouteGroupBuilder MapMonitoringApi(this RouteGroupBuilder api)
    {
        api.MapPost("/models/{name}/feedback", RecordFeedbackAsync).WithTags("Monitoring");
        api.MapGet("/monitoring/{model}/performance", GetPerformanceAsync).WithTags("Monitoring");
        api.MapGet("/monitoring/prediction-log", GetPredictionLogCounters).WithTags("Monitoring");
        return api;
    }

    /// <summary>Stores <c>{ "predictionId", "label" }</c> or an array of them; unknown prediction ids are accepted (see <see cref="FeedbackStore"/>).</summary>
    public static async Task<Ok<FeedbackReceipt>> RecordFeedbackAsync(string name, JsonElement body, FeedbackStore feedback, CancellationToken cancellationToken) =>
        TypedResults.Ok(await feedback.RecordAsync(name, body, cancellationToken).ConfigureAwait(false));

    /// <summary>Live metrics over the window next to each version's test metrics, and the drops beyond the threshold.</summary>
    public static async Task<Ok<PerformanceReport>> GetPerformanceAsync(string model, LivePerformance performance, CancellationToken cancellationToken) =>
        TypedResults.Ok(await performance.EvaluateAsync(model, cancellationToken).ConfigureAwait(false));

    public static Ok<PredictionLogCounters> GetPredictionLogCounters(PredictionLog log) => TypedResults.Ok(log.Counters);
}
