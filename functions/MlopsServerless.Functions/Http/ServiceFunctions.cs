using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MlopsServerless.Functions.Http;

/// <summary>Health and the OpenAPI document (anonymous), the service status, and the dashboard's static files (anonymous: they hold no data). Each function runs the <c>mlops serve</c> endpoint with the same method and route.</summary>
public sealed class ServiceFunctions(MlopsEndpoints api)
{
    [Function(nameof(Health))]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(OpenApi))]
    public IResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetServiceStatus))]
    public IResult GetServiceStatus([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/status")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    // The Functions host serves no route that is the empty string (Azure/Azure-Functions#2473), so the dashboard's "/" is an
    // optional segment that must be empty; MlopsEndpoints.RouteKey reads it as "/". Needs AzureWebJobsDisableHomepage=true.
    [Function(nameof(DashboardIndex))]
    public IResult DashboardIndex([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = MlopsEndpoints.RootRoute)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(DashboardFile))]
    public IResult DashboardFile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ui/{file}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);
}
