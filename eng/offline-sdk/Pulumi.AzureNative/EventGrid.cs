// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/EventGrid/Topic.cs, SystemTopic.cs, SystemTopicEventSubscription.cs, Enums.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.EventGrid;

public partial class Topic : global::Pulumi.CustomResource
{
    public Topic(string name, TopicArgs args, CustomResourceOptions? options = null)
        : base("azure-native:eventgrid:Topic", name, args, options)
    {
    }

    [Output("endpoint")]
    public Output<string> Endpoint { get; private set; } = null!;
}

public sealed class TopicArgs : global::Pulumi.ResourceArgs
{
    public Input<bool>? DisableLocalAuth { get; set; }

    public InputUnion<string, Pulumi.AzureNative.EventGrid.InputSchema>? InputSchema { get; set; }

    public Input<string>? Location { get; set; }

    public Input<string> ResourceGroupName { get; set; } = null!;

    public Input<string>? TopicName { get; set; }
}

public partial class SystemTopic : global::Pulumi.CustomResource
{
    public SystemTopic(string name, SystemTopicArgs args, CustomResourceOptions? options = null)
        : base("azure-native:eventgrid:SystemTopic", name, args, options)
    {
    }

    [Output("name")]
    public Output<string> Name { get; private set; } = null!;
}

public sealed class SystemTopicArgs : global::Pulumi.ResourceArgs
{
    public Input<string>? Location { get; set; }

    public Input<string> ResourceGroupName { get; set; } = null!;

    public Input<string>? Source { get; set; }

    public Input<string>? SystemTopicName { get; set; }

    public Input<string>? TopicType { get; set; }
}

public partial class SystemTopicEventSubscription : global::Pulumi.CustomResource
{
    public SystemTopicEventSubscription(string name, SystemTopicEventSubscriptionArgs args, CustomResourceOptions? options = null)
        : base("azure-native:eventgrid:SystemTopicEventSubscription", name, args, options)
    {
    }
}

public sealed class SystemTopicEventSubscriptionArgs : global::Pulumi.ResourceArgs
{
    public Input<object>? Destination { get; set; }

    public InputUnion<string, Pulumi.AzureNative.EventGrid.EventDeliverySchema>? EventDeliverySchema { get; set; }

    public Input<string>? EventSubscriptionName { get; set; }

    public Input<Inputs.EventSubscriptionFilterArgs>? Filter { get; set; }

    public Input<string> ResourceGroupName { get; set; } = null!;

    public Input<Inputs.RetryPolicyArgs>? RetryPolicy { get; set; }

    public Input<string> SystemTopicName { get; set; } = null!;
}

[EnumType]
public readonly struct InputSchema
{
}

[EnumType]
public readonly struct EventDeliverySchema
{
}
