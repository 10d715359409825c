using Azure;
using Azure.Identity;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;

namespace MlopsServerless.Azure.Events;

/// <summary>Publishes domain events to an Event Grid topic as CloudEvents 1.0 with JSON data.</summary>
public sealed class EventGridEventPublisher : IEventPublisher
{
    private readonly EventGridPublisherClient _client;
    private readonly string _topic;
    private readonly ILogger _logger;

    /// <summary>Connects with <paramref name="options"/> (validated first).</summary>
    /// <exception cref="MlopsException">InvalidArgument when the options are incomplete or malformed.</exception>
    public EventGridEventPublisher(EventGridPublisherOptions options, ILogger<EventGridEventPublisher>? logger = null)
        : this(ClientOf(options, new EventGridPublisherClientOptions()), options.TopicEndpoint!, logger)
    {
    }

    /// <summary>Uses an already configured client (tests, or hosts that build their own clients).</summary>
    public EventGridEventPublisher(EventGridPublisherClient client, Uri topicEndpoint, ILogger<EventGridEventPublisher>? logger = null)
    {
        _client = client;
        _topic = topicEndpoint.Host;
        _logger = logger ?? NullLogger<EventGridEventPublisher>.Instance;
    }

    public async Task PublishAsync(MlopsEvent mlopsEvent, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendEventAsync(ToCloudEvent(mlopsEvent), cancellationToken).ConfigureAwait(false);
            Log.EventPublished(_logger, mlopsEvent.Id, mlopsEvent.Type, _topic);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or IOException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is RequestFailedException { Status: > 0 } r ? $"HTTP {r.Status} {r.ErrorCode}".TrimEnd() : e.GetBaseException().Message;
            throw MlopsException.Unavailable(
                $"Event Grid topic '{_topic}' did not take event {mlopsEvent.Id} ({mlopsEvent.Type}): {reason}. Retrying may succeed.", e);
        }
    }

    /// <summary>The CloudEvent sent for <paramref name="mlopsEvent"/>: same id, type, source, subject and time, JSON data.</summary>
    public static CloudEvent ToCloudEvent(MlopsEvent mlopsEvent) =>
        new(mlopsEvent.Source, mlopsEvent.Type, BinaryData.FromString(mlopsEvent.Data.GetRawText()), "application/json", CloudEventDataFormat.Json)
        {
            Id = mlopsEvent.Id,
            Subject = mlopsEvent.Subject,
            Time = mlopsEvent.Time,
        };

    internal static EventGridPublisherClient ClientOf(EventGridPublisherOptions options, EventGridPublisherClientOptions clientOptions)
    {
        options.Validate();
        return string.IsNullOrEmpty(options.AccessKey)
            ? new EventGridPublisherClient(options.TopicEndpoint, new DefaultAzureCredential(), clientOptions)
            : new EventGridPublisherClient(options.TopicEndpoint, new AzureKeyCredential(options.AccessKey), clientOptions);
    }
}
