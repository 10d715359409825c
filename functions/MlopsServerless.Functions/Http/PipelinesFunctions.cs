using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MlopsServerless.Functions.Http;

/// <summary>The pipeline routes; runs start and are read through the Durable client. Each function runs the <c>mlops serve</c> endpoint with the same method and route.</summary>
public sealed class PipelinesFunctions(MlopsEndpoints api)
{
    [Function(nameof(StartPipeline))]
    public IResult StartPipeline([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/pipelines")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(ListPipelines))]
    public IResult ListPipelines([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/pipelines")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetPipeline))]
    public IResult GetPipeline([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/pipelines/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(RetryPipeline))]
    public IResult RetryPipeline([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/pipelines/{id}/retry")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);
}
