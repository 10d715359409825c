using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MlopsServerless.Functions.Http;

/// <summary>The model registry and prediction routes. Each function runs the <c>mlops serve</c> endpoint with the same method and route.</summary>
public sealed class ModelsFunctions(MlopsEndpoints api)
{
    [Function(nameof(ListModels))]
    public IResult ListModels([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetModel))]
    public IResult GetModel([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models/{name}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetModelVersion))]
    public IResult GetModelVersion([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models/{name}/versions/{version:int}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetModelAudit))]
    public IResult GetModelAudit([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models/{name}/audit")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(Predict))]
    public IResult Predict([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{name}/predict")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(SetModelStage))]
    public IResult SetModelStage([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{name}/versions/{version:int}/stage")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(SetModelAlias))]
    public IResult SetModelAlias([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{name}/versions/{version:int}/aliases/{alias}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(RollbackModel))]
    public IResult RollbackModel([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{name}/rollback")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetModelHistory))]
    public IResult GetModelHistory([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models/{name}/history")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);
}
