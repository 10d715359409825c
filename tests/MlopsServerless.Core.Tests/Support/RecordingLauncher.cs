using System.Collections.Concurrent;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Core.Tests;

/// <summary>A launcher that only records which runs it was asked to start; tests drive the engine themselves.</summary>
public sealed class RecordingLauncher : IPipelineLauncher
{
    private readonly ConcurrentQueue<string> _launched = new();

    public IReadOnlyList<string> Launched => [.. _launched];

    public Task LaunchAsync(string runId, CancellationToken cancellationToken)
    {
        _launched.Enqueue(runId);
        return Task.CompletedTask;
    }
}
