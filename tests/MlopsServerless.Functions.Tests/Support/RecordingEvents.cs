using System.Collections.Concurrent;
using MlopsServerless.Core.Events;

namespace MlopsServerless.Functions.Tests.Support;

/// <summary>Records every event before handing it to the app's own publisher.</summary>
public sealed class RecordingEvents(IEventPublisher inner) : IEventPublisher
{
    private readonly ConcurrentQueue<MlopsEvent> _published = new();

    public IReadOnlyList<MlopsEvent> Published => [.. _published];

    public async Task PublishAsync(MlopsEvent mlopsEvent, CancellationToken cancellationToken)
    {
        await inner.PublishAsync(mlopsEvent, cancellationToken);
        _published.Enqueue(mlopsEvent);
    }
}
