using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Registry;
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
        api.MapPost("/monitoring/{model}/drift/checks", CheckDriftAsync).WithTags("Monitoring");
        return api;
    }

    /// <summary>Stores <c>{ "predictionId", "label" }</c> or an array of them; unknown prediction ids are accepted (see <see cref="FeedbackStore"/>).</summary>
    public static async Task<Ok<FeedbackReceipt>> RecordFeedbackAsync(string name, JsonElement body, FeedbackStore feedback, CancellationToken cancellationToken) =>
        TypedResults.Ok(await feedback.RecordAsync(name, body, cancellationToken).ConfigureAwait(false));

    /// <summary>Live metrics over the window next to each version's test metrics, and the drops beyond the threshold.</summary>
    public static async Task<Ok<PerformanceReport>> GetPerformanceAsync(string model, LivePerformance performance, CancellationToken cancellationToken) =>
        TypedResults.Ok(await performance.EvaluateAsync(model, cancellationToken).ConfigureAwait(false));

    /// <summary>The model's newest drift report. Only reads: a check, which stores a report and may start a retraining, is a POST.</summary>
    /// <remarks>The report keeps its own snake_case shape (the same as <c>mlops drift ... --json</c> and the stored files).</remarks>
    /// <exception cref="MlopsException">NotFound when no check has run for the model; InvalidArgument for <c>?run=true</c>,
    /// which used to run a check from a GET (a crawler or a prefetch could start a retraining).</exception>
    public static async Task<ContentHttpResult> GetDriftAsync(string model, bool? run, DriftMonitor monitor, ModelRegistry registry, CancellationToken cancellationToken)
    {
        if (run == true)
        {
            throw MlopsException.InvalidArgument(
                $"GET does not run a drift check: POST /api/monitoring/{Uri.EscapeDataString(model)}/drift/checks runs one (it stores a report and may start a retraining).");
        }

        if (await monitor.LatestAsync(model, cancellationToken).ConfigureAwait(false) is { } latest)
        {
            return Report(latest);
        }

        await registry.GetRequiredHeadAsync(model, cancellationToken).ConfigureAwait(false);
        throw MlopsException.NotFound(
            $"Model '{model}' has no drift report yet: POST /api/monitoring/{Uri.EscapeDataString(model)}/drift/checks runs a check over its logged predictions.");
    }

    /// <summary>Checks the model's logged predictions for drift now: stores the report, returns it, and may start a retraining.</summary>
    public static async Task<ContentHttpResult> CheckDriftAsync(string model, DriftMonitor monitor, CancellationToken cancellationToken) =>
        Report((await monitor.CheckAsync(model, cancellationToken).ConfigureAwait(false)).Report);

    public static Ok<PredictionLogCounters> GetPredictionLogCounters(PredictionLog log) => TypedResults.Ok(log.Counters);

    private static ContentHttpResult Report(DriftReport report) => TypedResults.Text(System.Text.Encoding.UTF8.GetString(report.ToJson()), "application/json");
}
