using System.Text.Json;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Functions.Tests.Support;

namespace MlopsServerless.Functions.Tests;

/// <summary>What the Functions host will read: the functions.metadata the Worker SDK generated from the app's attributes.</summary>
public sealed class FunctionMetadataTests
{
    private static readonly IReadOnlyDictionary<string, JsonElement> Functions =
        FunctionsApp.Metadata().ToDictionary(f => f.GetProperty("name").GetString()!, StringComparer.Ordinal);

    /// <summary>Every HTTP function: method, route (host.json's routePrefix is "", so this is the whole path) and key level.</summary>
    public static TheoryData<string, string, string, string> HttpFunctions => new()
    {
        { "ListModels", "get", "api/models", "Function" },
        { "GetModel", "get", "api/models/{name}", "Function" },
        { "GetModelVersion", "get", "api/models/{name}/versions/{version:int}", "Function" },
        { "GetModelAudit", "get", "api/models/{name}/audit", "Function" },
        { "Predict", "post", "api/models/{name}/predict", "Function" },
        { "SetModelStage", "post", "api/models/{name}/versions/{version:int}/stage", "Function" },
        { "SetModelAlias", "post", "api/models/{name}/versions/{version:int}/aliases/{alias}", "Function" },
        { "RollbackModel", "post", "api/models/{name}/rollback", "Function" },
        { "ListDatasets", "get", "api/datasets", "Function" },
        { "ListDatasetVersions", "get", "api/datasets/{name}/versions", "Function" },
        { "GetDatasetVersion", "get", "api/datasets/{name}/versions/{version}", "Function" },
        { "StartPipeline", "post", "api/pipelines", "Function" },
        { "ListPipelines", "get", "api/pipelines", "Function" },
        { "GetPipeline", "get", "api/pipelines/{id}", "Function" },
        { "RecordFeedback", "post", "api/models/{name}/feedback", "Function" },
        { "GetPerformance", "get", "api/monitoring/{model}/performance", "Function" },
        { "GetPredictionLogCounters", "get", "api/monitoring/prediction-log", "Function" },
        { "GetDrift", "get", "api/monitoring/{model}/drift", "Function" },
        { "CheckDrift", "post", "api/monitoring/{model}/drift/checks", "Function" },
        { "Health", "get", "api/health", "Anonymous" },
        { "OpenApi", "get", "api/openapi.json", "Anonymous" },
        { "GetDatasetContract", "get", "api/datasets/{name}/contract", "Function" },
        { "SetDatasetContract", "put", "api/datasets/{name}/contract", "Function" },
        { "ListQuarantinedUploads", "get", "api/datasets/{name}/quarantine", "Function" },
        { "UploadDatasetFile", "put", "api/datasets/{name}/uploads/{file}", "Function" },
        { "GetDatasetVersionProfile", "get", "api/datasets/{name}/versions/{version}/profile", "Function" },
        { "RetryPipeline", "post", "api/pipelines/{id}/retry", "Function" },
        { "GetModelHistory", "get", "api/models/{name}/history", "Function" },
        { "GetDriftPolicy", "get", "api/monitoring/policy", "Function" },
        { "GetDriftHistory", "get", "api/monitoring/{model}/drift/history", "Function" },
        { "GetDriftFeatureDistribution", "get", "api/monitoring/{model}/drift/features/{feature}", "Function" },
        { "ListRetrainingDecisions", "get", "api/monitoring/{model}/retraining", "Function" },
        { "GetServiceStatus", "get", "api/status", "Function" },
        { "DashboardIndex", "get", "{ignored:maxlength(0)?}", "Anonymous" },
        { "DashboardFile", "get", "ui/{file}", "Anonymous" },
    };

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpFunction_Metadata_HasItsMethodRouteAndKeyLevel(string name, string method, string route, string authLevel)
    {
        var trigger = Trigger(name, "httpTrigger");

        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
        Assert.Contains(Bindings(name), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    [Fact]
    public void Metadata_HttpFunctions_AreExactlyTheListedOnes()
    {
        var http = Functions.Where(f => Bindings(f.Key).Any(b => b.GetProperty("type").GetString() == "httpTrigger")).Select(f => f.Key);

        Assert.Equal(HttpFunctions.Select(row => (string)row[0]).Order(StringComparer.Ordinal), http.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ingest_Metadata_IsAnEventGridBlobTriggerOnIncomingWithTheDataConnection()
    {
        var trigger = Trigger("Ingest", "blobTrigger");

        Assert.Equal("%MLOPS_DATA_CONTAINER%/incoming/{dataset}/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("MlopsStorage", trigger.GetProperty("connection").GetString());
        Assert.Contains(Bindings("Ingest"), b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void DriftCheck_Metadata_IsATimerOnTheScheduleSetting()
    {
        var trigger = Trigger("DriftCheck", "timerTrigger");

        Assert.Equal("%MLOPS_DRIFT_SCHEDULE%", trigger.GetProperty("schedule").GetString());
        Assert.Contains(Bindings("DriftCheck"), b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void Housekeeping_Metadata_IsAnHourlyTimer()
    {
        var trigger = Trigger("Housekeeping", "timerTrigger");

        Assert.Equal("0 17 * * * *", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void TrainingPipeline_Metadata_IsAnOrchestrationTrigger()
    {
        Trigger("TrainingPipeline", "orchestrationTrigger");
    }

    [Fact]
    public void Metadata_EveryStepName_IsAnActivity()
    {
        var steps = typeof(StepNames).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.NotEmpty(steps);
        Assert.All(steps, step => Trigger(step, "activityTrigger"));
        var activities = Functions.Where(f => Bindings(f.Key).Any(b => b.GetProperty("type").GetString() == "activityTrigger")).Select(f => f.Key);
        Assert.Equal(steps.Order(StringComparer.Ordinal), activities.Order(StringComparer.Ordinal));
    }

    private static List<JsonElement> Bindings(string function)
    {
        Assert.True(Functions.ContainsKey(function), $"functions.metadata has no function '{function}'.");
        return Functions[function].GetProperty("bindings").EnumerateArray().ToList();
    }

    private static JsonElement Trigger(string function, string type)
    {
        var triggers = Bindings(function).Where(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).ToList();
        var trigger = Assert.Single(triggers);
        Assert.Equal(type, trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        return trigger;
    }
}
