using MlopsServerless.Infra.Plan;
using Pulumi;
using Pulumi.AzureNative.Resources;

namespace MlopsServerless.Infra.Stacks;

/// <summary>Translates the <see cref="EnvironmentPlan"/> of the current stack into Azure resources. Decides nothing.</summary>
public sealed partial class MlopsStack : Pulumi.Stack
{
    public MlopsStack()
    {
        var deployment = Deployment.Instance;
        var config = new Config(StackConfigKeys.Namespace);
        var settings = StackSettings.Read(deployment.OrganizationName, deployment.ProjectName, deployment.StackName, config.Get);
        var plan = EnvironmentPlan.For(settings);
        var package = PackageDeploymentPlan.For(deployment.RootDirectory, settings.PackagePath);
        var names = plan.Names;

        var group = new ResourceGroup("group", new ResourceGroupArgs
        {
            ResourceGroupName = names.ResourceGroup,
            Location = settings.Location,
        });

        var data = DataStorage.Create(plan, group);
        var monitoring = Telemetry.Create(plan, group);
        var events = SystemEvents.CreateTopic(plan, group);
        Alerts.Create(plan.Alerts, group, monitoring.AppInsights);
        var identity = AppIdentity.Create(plan, group, data.Account, events, monitoring.AppInsights);
        var app = FunctionApp.Create(plan, group, data, monitoring, events, identity);
        var deployed = FunctionApp.DeployPackage(package, group, app);
        SystemEvents.SubscribeIngest(plan, group, data.Account, app, deployed);

        ResourceGroupName = group.Name;
        FunctionAppName = app.Name;
        FunctionAppHostName = app.DefaultHostName;
        PredictUrlTemplate = app.DefaultHostName.Apply(FunctionAppPlan.PredictUrlTemplate);
        DataAccountName = data.Account.Name;
        EventsTopicEndpoint = events.Endpoint;
    }

    [Output("resourceGroupName")]
    public Output<string> ResourceGroupName { get; private set; }

    [Output("functionAppName")]
    public Output<string> FunctionAppName { get; private set; }

    [Output("functionAppHostName")]
    public Output<string> FunctionAppHostName { get; private set; }

    /// <summary>https://{host}/api/models/{name}/predict; call it with a function key.</summary>
    [Output("predictUrlTemplate")]
    public Output<string> PredictUrlTemplate { get; private set; }

    [Output("dataAccountName")]
    public Output<string> DataAccountName { get; private set; }

    [Output("eventsTopicEndpoint")]
    public Output<string> EventsTopicEndpoint { get; private set; }
}
