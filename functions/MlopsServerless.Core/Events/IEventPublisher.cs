namespace MlopsServerless.Core.Events;

/// <summary>Where domain events go: Event Grid in Azure, an <c>events/</c> log (and optional webhook) locally.</summary>
public interface IEventPublisher
{
    /// <summary>Publishes one event. Publishing the same event id twice is allowed (at-least-once delivery).</summary>
    /// <exception cref="Errors.MlopsException">Unavailable when the destination cannot be reached.</exception>
    Task PublishAsync(MlopsEvent mlopsEvent, CancellationToken cancellationToken);
}
