// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/EventGrid/Inputs/WebHookEventSubscriptionDestinationArgs.cs, EventSubscriptionFilterArgs.cs, RetryPolicyArgs.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.EventGrid.Inputs;

public sealed class WebHookEventSubscriptionDestinationArgs : global::Pulumi.ResourceArgs
{
    public Input<string>? EndpointUrl { get; set; }

    public Input<string> EndpointType { get; set; } = null!;
}

public sealed class EventSubscriptionFilterArgs : global::Pulumi.ResourceArgs
{
    private InputList<string>? _includedEventTypes;

    public InputList<string> IncludedEventTypes
    {
        get => _includedEventTypes ?? (_includedEventTypes = new InputList<string>());
        set => _includedEventTypes = value;
    }

    public Input<bool>? IsSubjectCaseSensitive { get; set; }

    public Input<string>? SubjectBeginsWith { get; set; }
}

public sealed class RetryPolicyArgs : global::Pulumi.ResourceArgs
{
    public Input<int>? EventTimeToLiveInMinutes { get; set; }

    public Input<int>? MaxDeliveryAttempts { get; set; }
}
