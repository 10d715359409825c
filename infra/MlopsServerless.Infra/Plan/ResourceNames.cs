using System.Security.Cryptography;
using System.Text;

namespace MlopsServerless.Infra.Plan;

/// <summary>The Azure names of one environment. Names that must be unique across Azure carry a suffix derived from
/// organization, project, stack and prefix, so they are stable between runs and differ between stacks.</summary>
public sealed record ResourceNames(
    string ResourceGroup,
    string DataAccount,
    string DataContainer,
    string DeploymentContainer,
    string Identity,
    string LogWorkspace,
    string AppInsights,
    string HostingPlan,
    string FunctionApp,
    string StorageEventsTopic,
    string IngestSubscription,
    string EventsTopic,
    string TaskHub,
    string ActionGroup)
{
    /// <summary>The data container; the Functions app reads it from MLOPS_DATA_CONTAINER.</summary>
    public const string DefaultDataContainer = "mlops";

    /// <summary>The container the Flex Consumption app's package is deployed to.</summary>
    public const string DefaultDeploymentContainer = "app-package";

    public static ResourceNames For(StackSettings settings)
    {
        var prefix = settings.NamePrefix;
        var stack = StackToken(settings.Stack);
        var suffix = Suffix($"{settings.Organization}/{settings.Project}/{settings.Stack}/{prefix}");
        return new ResourceNames(
            ResourceGroup: $"rg-{prefix}-{stack}",
            DataAccount: $"st{prefix}{stack}{suffix}",
            DataContainer: DefaultDataContainer,
            DeploymentContainer: DefaultDeploymentContainer,
            Identity: $"id-{prefix}-{stack}",
            LogWorkspace: $"log-{prefix}-{stack}",
            AppInsights: $"appi-{prefix}-{stack}",
            HostingPlan: $"plan-{prefix}-{stack}",
            FunctionApp: $"func-{prefix}-{stack}-{suffix}",
            StorageEventsTopic: $"evgst-{prefix}-{stack}",
            IngestSubscription: "ingestblobcreated",
            EventsTopic: $"evgt-{prefix}-{stack}-{suffix}",
            TaskHub: $"{prefix}{stack}hub",
            ActionGroup: $"ag-{prefix}-{stack}");
    }

    /// <summary>The stack name reduced to at most 8 lowercase letters and digits ("Prod-EU" -> "prodeu").</summary>
    private static string StackToken(string stack)
    {
        var token = new string(stack.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(8).ToArray());
        return token.Length == 0 ? "stack" : token;
    }

    private static string Suffix(string seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..6];
}
