namespace MlopsServerless.Infra.Plan;

/// <summary>Where the data account's BlobCreated events go: the blob extension webhook of the Ingest function, for
/// blobs under <c>incoming/</c> in the data container only.</summary>
public sealed record BlobEventSubscriptionPlan(
    string Name,
    string FunctionName,
    IReadOnlyList<string> IncludedEventTypes,
    string SubjectBeginsWith,
    string SystemKeyName,
    int MaxDeliveryAttempts,
    int EventTimeToLiveInMinutes)
{
    /// <summary>The Functions app's Ingest function (its blob trigger uses <c>Source = EventGrid</c>).</summary>
    public const string IngestFunctionName = "Ingest";

    /// <summary>The prefix under the data container that the Ingest trigger watches.</summary>
    public const string IncomingPrefix = "incoming/";

    /// <summary>The host system key the blob extension's webhook checks.</summary>
    public const string BlobsExtensionKeyName = "blobs_extension";

    public static BlobEventSubscriptionPlan For(ResourceNames names) => new(
        Name: names.IngestSubscription,
        FunctionName: IngestFunctionName,
        IncludedEventTypes: ["Microsoft.Storage.BlobCreated"],
        SubjectBeginsWith: $"/blobServices/default/containers/{names.DataContainer}/blobs/{IncomingPrefix}",
        SystemKeyName: BlobsExtensionKeyName,
        MaxDeliveryAttempts: 30,
        EventTimeToLiveInMinutes: 1440);

    /// <summary>The Event Grid subject of a blob, as the storage system topic reports it.</summary>
    public static string SubjectOf(string container, string blobName) => $"/blobServices/default/containers/{container}/blobs/{blobName}";

    /// <summary>Whether the subscription delivers the BlobCreated event of this blob (the filter is case-insensitive).</summary>
    public bool Delivers(string container, string blobName) =>
        SubjectOf(container, blobName).StartsWith(SubjectBeginsWith, StringComparison.OrdinalIgnoreCase);

    /// <summary>The webhook URL; it carries the system key, so the stack keeps it a secret.</summary>
    public string WebhookUrl(string hostName, string systemKey) =>
        $"https://{hostName}/runtime/webhooks/blobs?functionName=Host.Functions.{FunctionName}&code={Uri.EscapeDataString(systemKey)}";
}
