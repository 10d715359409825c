using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Monitoring;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage;
using MlopsServerless.Http.Paging;

namespace MlopsServerless.Http.Monitoring;

/// <summary>What monitoring did over time, a page at a time, newest first: drift reports and retraining decisions; and one feature's distributions.</summary>
public static class MonitoringHistoryApi
{
    public static RouteGroupBuilder MapMonitoringHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/monitoring/{model}/drift/history", GetDriftHistoryAsync).WithTags("Monitoring");
        api.MapGet("/monitoring/{model}/drift/features/{feature}", GetFeatureDistributionAsync).WithTags("Monitoring");
        api.MapGet("/monitoring/{model}/retraining", GetRetrainingDecisionsAsync).WithTags("Monitoring");
        api.MapGet("/monitoring/policy", GetDriftPolicy).WithTags("Monitoring");
        return api;
    }

    public static async Task<Ok<Page<DriftReportSummary>>> GetDriftHistoryAsync(
        string model, int? pageSize, string? pageToken, IObjectStore store, ModelRegistry registry, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(pageSize, pageToken);
        await registry.GetRequiredHeadAsync(model, cancellationToken).ConfigureAwait(false);
        var keys = (await store.ListAllAsync(StorageLayout.DriftReportsPrefix(model), cancellationToken).ConfigureAwait(false))
            .Select(i => i.Key).Where(k => k.EndsWith(".json", StringComparison.Ordinal)).Reverse().ToList();
        return TypedResults.Ok(await page.SliceAsync(keys, key => SummaryAsync(store, key, cancellationToken)).ConfigureAwait(false));
    }

    public static async Task<Ok<FeatureDistributionResponse>> GetFeatureDistributionAsync(
        string model, string feature, FeatureDistributions distributions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await distributions.CompareAsync(model, feature, cancellationToken).ConfigureAwait(false));

    public static async Task<Ok<Page<RetrainingDecisionResponse>>> GetRetrainingDecisionsAsync(
        string model, int? pageSize, string? pageToken, RetrainingHistory history, ModelRegistry registry, CancellationToken cancellationToken)
    {
        // The token is the record store's continuation token, passed through opaque; only the size is checked here.
        var size = PageRequest.CheckedSize(pageSize);
        await registry.GetRequiredHeadAsync(model, cancellationToken).ConfigureAwait(false);
        var page = await history.ListAsync(model, size, pageToken, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new Page<RetrainingDecisionResponse>(page.Decisions.Select(RetrainingDecisionResponse.From).ToList(), page.NextPageToken));
    }

    public static Ok<DriftPolicyResponse> GetDriftPolicy(IOptions<DriftMonitorOptions> options) => TypedResults.Ok(DriftPolicyResponse.Of(options.Value.Policy));

    private static async Task<DriftReportSummary> SummaryAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        var report = await store.ReadStoredAsync(key, b => DriftReport.FromJson(b.Span), cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.Conflict($"The drift report '{key}' was removed while it was being read; ask again.");
        // Reports are named by the check's UTC time (StorageLayout.DriftReport).
        DateTimeOffset? checkedAt = DateTimeOffset.TryParseExact(
            Path.GetFileNameWithoutExtension(key), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return new DriftReportSummary(checkedAt, report.ModelId, report.CurrentRows, report.Features.Count, report.DriftedFeatures, report.DriftedShare, report.Verdict.ToString());
    }
}
