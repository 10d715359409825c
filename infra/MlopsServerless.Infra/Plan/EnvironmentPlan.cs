using System.Globalization;

namespace MlopsServerless.Infra.Plan;

/// <summary>Everything one environment is: the stack only translates this into resources.</summary>
public sealed record EnvironmentPlan(
    StackSettings Settings,
    ResourceNames Names,
    SecurityBaseline Security,
    FunctionAppPlan FunctionApp,
    IReadOnlyList<AppSetting> AppSettings,
    IReadOnlyList<RoleGrant> Roles,
    BlobEventSubscriptionPlan IngestSubscription,
    PredictionLogRetentionRule PredictionLogRetention,
    AlertPlan? Alerts)
{
    /// <summary>The identity-based connections the app uses; both point at the data account.</summary>
    public static IReadOnlyList<string> Connections { get; } = [AppSettingNames.HostStorage, AppSettingNames.DataStorage];

    public static EnvironmentPlan For(StackSettings settings)
    {
        var names = ResourceNames.For(settings);
        return new EnvironmentPlan(
            settings,
            names,
            SecurityBaseline.Default,
            FunctionAppPlan.For(settings),
            AppSettingsFor(settings, names),
            RolesFor(settings),
            BlobEventSubscriptionPlan.For(names),
            PredictionLogRetentionRule.For(names, settings),
            AlertPlan.For(settings, names));
    }

    private static List<AppSetting> AppSettingsFor(StackSettings settings, ResourceNames names)
    {
        var list = new List<AppSetting>
        {
            new(AppSettingNames.DataContainer, SettingValue.Of(names.DataContainer)),
            new(AppSettingNames.TaskHub, SettingValue.Of(names.TaskHub)),
            new(AppSettingNames.DriftSchedule, SettingValue.Of(settings.DriftSchedule)),
            new(AppSettingNames.DisableHomepage, SettingValue.Of("true")),
        };

        foreach (var connection in Connections)
        {
            list.Add(new(AppSettingNames.Connection.Key(connection, AppSettingNames.Connection.BlobServiceUri), SettingValue.From(EnvironmentOutput.DataBlobEndpoint)));
            list.Add(new(AppSettingNames.Connection.Key(connection, AppSettingNames.Connection.QueueServiceUri), SettingValue.From(EnvironmentOutput.DataQueueEndpoint)));
            list.Add(new(AppSettingNames.Connection.Key(connection, AppSettingNames.Connection.TableServiceUri), SettingValue.From(EnvironmentOutput.DataTableEndpoint)));
            list.Add(new(AppSettingNames.Connection.Key(connection, AppSettingNames.Connection.Credential), SettingValue.Of("managedidentity")));
            list.Add(new(AppSettingNames.Connection.Key(connection, AppSettingNames.Connection.ClientId), SettingValue.From(EnvironmentOutput.IdentityClientId)));
        }

        list.Add(new(AppSettingNames.EventsTopicEndpoint, SettingValue.From(EnvironmentOutput.EventsTopicEndpoint)));
        list.Add(new(AppSettingNames.RetrainingEnabled, SettingValue.Of(settings.RetrainingEnabled ? "true" : "false")));
        list.Add(new(AppSettingNames.PredictionLogSamplingRate, SettingValue.Of(settings.PredictionSamplingRate.ToString(CultureInfo.InvariantCulture))));
        list.Add(new(AppSettingNames.AppInsightsConnectionString, SettingValue.From(EnvironmentOutput.AppInsightsConnectionString)));
        list.Add(new(AppSettingNames.AppInsightsAuthenticationString, SettingValue.From(EnvironmentOutput.IdentityClientId, "Authorization=AAD;ClientId={0}")));
        list.Add(new(AppSettingNames.AzureClientId, SettingValue.From(EnvironmentOutput.IdentityClientId)));
        return list;
    }

    private static List<RoleGrant> RolesFor(StackSettings settings)
    {
        RoleGrant Grant(AzureRole role, RoleScope scope) => new(role, scope,
            DeterministicGuid.Create($"{settings.Organization}/{settings.Project}/{settings.Stack}/{scope}/{role.DefinitionId:D}"));

        return
        [
            // Blobs: data, Durable's leases and large payloads, host keys, deployment package. Owner (not Contributor)
            // so the app can also set blob index tags (the prediction-log retention tag).
            Grant(AzureRole.StorageBlobDataOwner, RoleScope.DataAccount),
            Grant(AzureRole.StorageQueueDataContributor, RoleScope.DataAccount),   // Durable work-item and control queues
            Grant(AzureRole.StorageTableDataContributor, RoleScope.DataAccount),   // Durable history and instances; the record store
            Grant(AzureRole.EventGridDataSender, RoleScope.EventsTopic),
            Grant(AzureRole.MonitoringMetricsPublisher, RoleScope.AppInsights),     // Entra ID telemetry ingestion (local auth is off)
        ];
    }
}
