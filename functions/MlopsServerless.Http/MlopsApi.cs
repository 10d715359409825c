using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Http.Dashboard;
using MlopsServerless.Http.Datasets;
using MlopsServerless.Http.Health;
using MlopsServerless.Http.Models;
using MlopsServerless.Http.Monitoring;
using MlopsServerless.Http.Pipelines;
using MlopsServerless.Http.Security;

namespace MlopsServerless.Http;

/// <summary>Maps the whole HTTP API: health and the dashboard's static files open, everything else behind the API key filter.</summary>
public static class MlopsApi
{
    public static IEndpointRouteBuilder MapMlopsApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthApi();
        app.MapDashboard();
        app.MapOpenApi("/api/openapi.json");
        var api = app.MapGroup("/api").AddEndpointFilterFactory(ApiKeyFilter.Create);
        api.MapModelsApi().MapDatasetsApi().MapPipelinesApi().MapMonitoringApi();
        api.MapModelHistoryApi().MapDatasetProfileApi().MapMonitoringHistoryApi().MapServiceStatusApi();
        return app;
    }
}
