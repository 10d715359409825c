using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Http.Health;

/// <summary>
/// The keyed half of health: where the data lives and what the service holds. Unlike GET /api/health it needs the key,
/// because a storage location is not for anonymous callers.
/// </summary>
public static class ServiceStatusApi
{
    public static RouteGroupBuilder MapServiceStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/status", GetStatusAsync).WithTags("Health");
        return api;
    }

    public static async Task<Ok<ServiceStatus>> GetStatusAsync(
        IOptions<ServiceInfoOptions> info, ModelRegistry registry, DatasetTables datasets, PredictionLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        var models = await registry.ListHeadsAsync(cancellationToken).ConfigureAwait(false);
        var names = await datasets.DatasetsAsync(cancellationToken).ConfigureAwait(false);
        var o = info.Value;
        return TypedResults.Ok(new ServiceStatus("ok", CodeVersion.Current, o.Host, o.StorageKind, o.StorageLocation, models.Count, names.Count, log.Counters, time.GetUtcNow()));
    }
}
