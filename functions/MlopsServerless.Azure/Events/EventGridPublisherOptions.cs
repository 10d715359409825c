using MlopsServerless.Core.Errors;

namespace MlopsServerless.Azure.Events;

/// <summary>
/// The Event Grid topic events go to: its endpoint, and either its access key or, when <see cref="AccessKey"/> is
/// empty, the managed identity / developer login found by DefaultAzureCredential.
/// </summary>
public sealed record EventGridPublisherOptions
{
    /// <summary>The topic endpoint, for example https://topic.region-1.eventgrid.azure.net/api/events.</summary>
    public Uri? TopicEndpoint { get; set; }

    /// <summary>The topic's access key. A secret: never logged, and left out of <see cref="ToString"/>.</summary>
    /// <value>Defaults to none: sign in with DefaultAzureCredential.</value>
    public string? AccessKey { get; set; }

    /// <summary>Checks the options and says what to fix.</summary>
    /// <exception cref="MlopsException">InvalidArgument naming the setting that is wrong.</exception>
    public void Validate()
    {
        if (TopicEndpoint is null)
        {
            throw MlopsException.InvalidArgument(
                "Event Grid: set TopicEndpoint to the topic's endpoint (https://<topic>.<region>.eventgrid.azure.net/api/events).");
        }

        if (!TopicEndpoint.IsAbsoluteUri || (TopicEndpoint.Scheme != Uri.UriSchemeHttps && !TopicEndpoint.IsLoopback))
        {
            throw MlopsException.InvalidArgument(
                $"Event Grid: TopicEndpoint '{TopicEndpoint}' must be an absolute https:// address (plain http only on loopback).");
        }
    }

    // Records print every property by default; the access key is a secret.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("TopicEndpoint = ").Append(TopicEndpoint)
            .Append(", AccessKey = ").Append(string.IsNullOrEmpty(AccessKey) ? "(none: DefaultAzureCredential)" : "(set, hidden)");
        return true;
    }
}
