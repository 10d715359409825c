using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MlopsServerless.Functions.Http;

/// <summary>The dataset routes. Each function runs the <c>mlops serve</c> endpoint with the same method and route.</summary>
public sealed class DatasetsFunctions(MlopsEndpoints api)
{
    [Function(nameof(ListDatasets))]
    public IResult ListDatasets([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/datasets")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(ListDatasetVersions))]
    public IResult ListDatasetVersions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/datasets/{name}/versions")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetDatasetVersion))]
    public IResult GetDatasetVersion([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/datasets/{name}/versions/{version}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetDatasetContract))]
    public IResult GetDatasetContract([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/datasets/{name}/contract")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(SetDatasetContract))]
    public IResult SetDatasetContract([HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/datasets/{name}/contract")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(ListQuarantinedUploads))]
    public IResult ListQuarantinedUploads([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/datasets/{name}/quarantine")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(UploadDatasetFile))]
    public IResult UploadDatasetFile([HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/datasets/{name}/uploads/{file}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetDatasetVersionProfile))]
    public IResult GetDatasetVersionProfile([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/datasets/{name}/versions/{version}/profile")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);
}
