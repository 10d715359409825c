using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Events;

/// <summary>
/// The embedded default's event destination: every event is appended as a CloudEvents JSON line to
/// <c>events/{yyyy-MM-dd}.jsonl</c> and, when a webhook is configured, POSTed to it as
/// <c>application/cloudevents+json</c>. The log is written first, so a webhook outage loses no event.
/// </summary>
public sealed class LocalEventPublisher(IObjectStore store, HttpClient? webhookClient, Uri? webhook, ILogger<LocalEventPublisher> logger) : IEventPublisher
{
    public async Task PublishAsync(MlopsEvent mlopsEvent, CancellationToken cancellationToken)
    {
        var json = CloudEventJson.Serialize(mlopsEvent);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        await store.AppendAsync(StorageLayout.Events(mlopsEvent.Time), line, cancellationToken).ConfigureAwait(false);
        Log.EventPublished(logger, mlopsEvent.Type, mlopsEvent.Id);
        if (webhook is null || webhookClient is null)
        {
            return;
        }

        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        try
        {
            using var response = await webhookClient.PostAsync(webhook, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw MlopsException.Unavailable($"The event webhook answered {(int)response.StatusCode} for event {mlopsEvent.Id}; the event is kept in the events log.");
            }
        }
        catch (HttpRequestException e)
        {
            throw MlopsException.Unavailable($"The event webhook is not reachable ({e.Message}); event {mlopsEvent.Id} is kept in the events log.", e);
        }
    }
}
