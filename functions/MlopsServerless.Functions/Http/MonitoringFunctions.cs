using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MlopsServerless.Functions.Http;

/// <summary>Feedback, live performance, drift and the prediction log counters. Each function runs the <c>mlops serve</c> endpoint with the same method and route.</summary>
public sealed class MonitoringFunctions(MlopsEndpoints api)
{
    [Function(nameof(RecordFeedback))]
    public IResult RecordFeedback([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{name}/feedback")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetPerformance))]
    public IResult GetPerformance([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/{model}/performance")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetPredictionLogCounters))]
    public IResult GetPredictionLogCounters([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/prediction-log")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetDrift))]
    public IResult GetDrift([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/{model}/drift")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(CheckDrift))]
    public IResult CheckDrift([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/monitoring/{model}/drift/checks")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetDriftPolicy))]
    public IResult GetDriftPolicy([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/policy")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetDriftHistory))]
    public IResult GetDriftHistory([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/{model}/drift/history")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(GetDriftFeatureDistribution))]
    public IResult GetDriftFeatureDistribution([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/{model}/drift/features/{feature}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);

    [Function(nameof(ListRetrainingDecisions))]
    public IResult ListRetrainingDecisions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/monitoring/{model}/retraining")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Invoke(client);
}
