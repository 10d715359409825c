namespace MlopsServerless.Infra.Plan;

/// <summary>The Flex Consumption app: runtime, scale limits and the identity that authenticates its deployment storage.</summary>
public sealed record FunctionAppPlan(
    string RuntimeName,
    string RuntimeVersion,
    int MaximumInstanceCount,
    int InstanceMemoryMB,
    string PlanSkuName,
    string PlanSkuTier,
    string Kind)
{
    public const string FlexSkuName = "FC1";
    public const string FlexSkuTier = "FlexConsumption";

    public static FunctionAppPlan For(StackSettings settings) => new(
        RuntimeName: "dotnet-isolated",
        RuntimeVersion: "10.0",
        MaximumInstanceCount: settings.MaximumInstanceCount,
        InstanceMemoryMB: settings.InstanceMemoryMB,
        PlanSkuName: FlexSkuName,
        PlanSkuTier: FlexSkuTier,
        Kind: "functionapp,linux");

    /// <summary>The predict endpoint with {name} left for the model name; call it with a function key
    /// (header x-functions-key or query code=).</summary>
    public static string PredictUrlTemplate(string hostName) => $"https://{hostName}/api/models/{{name}}/predict";
}
