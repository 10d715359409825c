using MlopsServerless.Infra.Plan;
using Pulumi;
using Pulumi.AzureNative.EventGrid;
using Pulumi.AzureNative.EventGrid.Inputs;
using Pulumi.AzureNative.Resources;
using Pulumi.AzureNative.Storage;
using Pulumi.AzureNative.Web;
using Pulumi.Command.Local;

namespace MlopsServerless.Infra.Stacks;

/// <summary>The system's own events topic, and the storage events that feed the Ingest function.</summary>
public static class SystemEvents
{
    public static Topic CreateTopic(EnvironmentPlan plan, ResourceGroup group) =>
        new("events", new TopicArgs
        {
            TopicName = plan.Names.EventsTopic,
            ResourceGroupName = group.Name,
            Location = group.Location,
            InputSchema = "CloudEventSchemaV1_0",
            DisableLocalAuth = plan.Security.EventsTopicLocalAuthDisabled,
        });

    /// <summary>Event Grid validates the webhook when the subscription is created, so this waits for the deployed package
    /// and reads the blob extension key only then; the URL holding the key stays a secret.</summary>
    public static SystemTopicEventSubscription SubscribeIngest(EnvironmentPlan plan, ResourceGroup group, StorageAccount account, WebApp app, Command deployed)
    {
        var subscription = plan.IngestSubscription;
        var systemTopic = new SystemTopic("storage-events", new SystemTopicArgs
        {
            SystemTopicName = plan.Names.StorageEventsTopic,
            ResourceGroupName = group.Name,
            Location = group.Location,
            Source = account.Id,
            TopicType = "Microsoft.Storage.StorageAccounts",
        });

        var keys = ListWebAppHostKeys.Invoke(
            new ListWebAppHostKeysInvokeArgs { Name = app.Name, ResourceGroupName = group.Name },
            new InvokeOutputOptions { DependsOn = { deployed } });
        var webhook = Output.CreateSecret(Output.Tuple(app.DefaultHostName, keys)
            .Apply(pair => subscription.WebhookUrl(pair.Item1, SystemKey(pair.Item2, subscription.SystemKeyName))));

        return new SystemTopicEventSubscription("ingest", new SystemTopicEventSubscriptionArgs
        {
            EventSubscriptionName = subscription.Name,
            ResourceGroupName = group.Name,
            SystemTopicName = systemTopic.Name,
            Destination = new WebHookEventSubscriptionDestinationArgs { EndpointType = "WebHook", EndpointUrl = webhook },
            Filter = new EventSubscriptionFilterArgs
            {
                IncludedEventTypes = subscription.IncludedEventTypes.ToList(),
                SubjectBeginsWith = subscription.SubjectBeginsWith,
                IsSubjectCaseSensitive = false,
            },
            EventDeliverySchema = "EventGridSchema",
            RetryPolicy = new RetryPolicyArgs
            {
                MaxDeliveryAttempts = subscription.MaxDeliveryAttempts,
                EventTimeToLiveInMinutes = subscription.EventTimeToLiveInMinutes,
            },
        }, new CustomResourceOptions { DependsOn = { deployed }, AdditionalSecretOutputs = { "destination" } });
    }

    private static string SystemKey(ListWebAppHostKeysResult keys, string name) =>
        keys.SystemKeys is { } systemKeys && systemKeys.TryGetValue(name, out var key)
            ? key
            : throw new InvalidOperationException($"the function app has no '{name}' system key yet: the Ingest function's blob trigger creates it when the host starts; run pulumi up again once the app is running.");
}
