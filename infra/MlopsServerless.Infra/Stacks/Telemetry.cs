using MlopsServerless.Infra.Plan;
using Pulumi.AzureNative.ApplicationInsights;
using Pulumi.AzureNative.OperationalInsights;
using Pulumi.AzureNative.OperationalInsights.Inputs;
using Pulumi.AzureNative.Resources;

namespace MlopsServerless.Infra.Stacks;

/// <summary>Log Analytics workspace and the workspace-based Application Insights component (Entra ID ingestion only).</summary>
public sealed record Telemetry(Workspace Workspace, Component AppInsights)
{
    public static Telemetry Create(EnvironmentPlan plan, ResourceGroup group)
    {
        var workspace = new Workspace("logs", new WorkspaceArgs
        {
            WorkspaceName = plan.Names.LogWorkspace,
            ResourceGroupName = group.Name,
            Location = group.Location,
            Sku = new WorkspaceSkuArgs { Name = "PerGB2018" },
            RetentionInDays = plan.Settings.LogRetentionDays,
        });

        var appInsights = new Component("appinsights", new ComponentArgs
        {
            ResourceName = plan.Names.AppInsights,
            ResourceGroupName = group.Name,
            Location = group.Location,
            Kind = "web",
            ApplicationType = "web",
            IngestionMode = "LogAnalytics",
            WorkspaceResourceId = workspace.Id,
            DisableLocalAuth = plan.Security.AppInsightsLocalAuthDisabled,
        });

        return new Telemetry(workspace, appInsights);
    }
}
