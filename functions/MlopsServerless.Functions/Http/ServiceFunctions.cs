using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MlopsServerless.Functions.Http;

/// <summary>The anonymous routes: health and the OpenAPI document. Each function runs the <c>mlops serve</c> endpoint with the same method and route.</summary>
public sealed class ServiceFunctions(MlopsEndpoints api)
{
    [Function(nameof(Health))]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(OpenApi))]
    public IResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);
}
