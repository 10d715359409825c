using MlopsServerless.Infra.Plan;
using Pulumi;
using Pulumi.AzureNative.EventGrid;
using Pulumi.AzureNative.Resources;
using Pulumi.AzureNative.Web;
using Pulumi.AzureNative.Web.Inputs;
using Pulumi.Command.Local;

namespace MlopsServerless.Infra.Stacks;

/// <summary>The Flex Consumption plan, the function app with its identity-based settings, and the package deployment.</summary>
public static class FunctionApp
{
    public static WebApp Create(EnvironmentPlan plan, ResourceGroup group, DataStorage data, Telemetry telemetry, Topic eventsTopic, AppIdentity identity)
    {
        var app = plan.FunctionApp;
        var hostingPlan = new AppServicePlan("plan", new AppServicePlanArgs
        {
            Name = plan.Names.HostingPlan,
            ResourceGroupName = group.Name,
            Location = group.Location,
            Kind = "functionapp",
            Reserved = true,
            Sku = new SkuDescriptionArgs { Name = app.PlanSkuName, Tier = app.PlanSkuTier },
        });

        var settings = new InputList<NameValuePairArgs>();
        foreach (var setting in plan.AppSettings)
        {
            settings.Add(new NameValuePairArgs { Name = setting.Name, Value = Resolve(setting.Value, data, telemetry, eventsTopic, identity) });
        }

        // The host needs its storage roles when it first starts, so every assignment precedes the app.
        var options = new CustomResourceOptions();
        options.DependsOn.Add(data.DeploymentContainer);
        foreach (var assignment in identity.Assignments)
        {
            options.DependsOn.Add(assignment);
        }

        return new WebApp("app", new WebAppArgs
        {
            Name = plan.Names.FunctionApp,
            ResourceGroupName = group.Name,
            Location = group.Location,
            Kind = app.Kind,
            ServerFarmId = hostingPlan.Id,
            Reserved = true,
            HttpsOnly = plan.Security.FunctionAppHttpsOnly,
            Identity = new ManagedServiceIdentityArgs
            {
                Type = ManagedServiceIdentityType.UserAssigned,
                UserAssignedIdentities = { identity.Identity.Id },
            },
            FunctionAppConfig = new FunctionAppConfigArgs
            {
                Deployment = new FunctionsDeploymentArgs
                {
                    Storage = new FunctionsDeploymentStorageArgs
                    {
                        Type = "blobContainer",
                        Value = data.BlobEndpoint.Apply(endpoint => endpoint + plan.Names.DeploymentContainer),
                        Authentication = new FunctionsDeploymentStorageAuthenticationArgs
                        {
                            Type = "UserAssignedIdentity",
                            UserAssignedIdentityResourceId = identity.Identity.Id,
                        },
                    },
                },
                Runtime = new FunctionsRuntimeArgs { Name = app.RuntimeName, Version = app.RuntimeVersion },
                ScaleAndConcurrency = new FunctionsScaleAndConcurrencyArgs
                {
                    MaximumInstanceCount = app.MaximumInstanceCount,
                    InstanceMemoryMB = app.InstanceMemoryMB,
                },
            },
            SiteConfig = new SiteConfigArgs
            {
                AppSettings = settings,
                MinTlsVersion = plan.Security.FunctionAppMinimumTlsVersion,
                FtpsState = plan.Security.FtpsState,
            },
        }, options);
    }

    /// <summary>Deploys the package with OneDeploy and waits for the blob extension key (see PackageDeploymentPlan).</summary>
    public static Command DeployPackage(PackageDeploymentPlan package, ResourceGroup group, WebApp app) =>
        new("deploy-package", new CommandArgs
        {
            Create = PackageDeploymentPlan.Script,
            Environment =
            {
                [PackageDeploymentPlan.ResourceGroupVariable] = group.Name,
                [PackageDeploymentPlan.AppVariable] = app.Name,
                [PackageDeploymentPlan.PackageVariable] = package.PackagePath,
            },
            Triggers = new object[] { package.PackageSha256 },
        }, new CustomResourceOptions { DependsOn = { app } });

    private static Output<string> Resolve(SettingValue value, DataStorage data, Telemetry telemetry, Topic eventsTopic, AppIdentity identity) => value switch
    {
        SettingValue.Literal literal => Output.Create(literal.Value),
        SettingValue.FromOutput reference => (reference.Output switch
        {
            EnvironmentOutput.DataBlobEndpoint => data.BlobEndpoint,
            EnvironmentOutput.DataQueueEndpoint => data.QueueEndpoint,
            EnvironmentOutput.DataTableEndpoint => data.TableEndpoint,
            EnvironmentOutput.IdentityClientId => identity.Identity.ClientId,
            EnvironmentOutput.AppInsightsConnectionString => telemetry.AppInsights.ConnectionString,
            EnvironmentOutput.EventsTopicEndpoint => eventsTopic.Endpoint,
            _ => throw new InvalidOperationException($"no resource output for {reference.Output}"),
        }).Apply(reference.Render),
        _ => throw new InvalidOperationException($"unknown setting value {value}"),
    };
}
