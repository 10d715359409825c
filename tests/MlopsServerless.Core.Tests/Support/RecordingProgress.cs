using System.Collections.Concurrent;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Core.Tests;

/// <summary>Collects progress reports synchronously (unlike <see cref="Progress{T}"/>, which posts them later).</summary>
public sealed class RecordingProgress : IProgress<StepProgress>
{
    private readonly ConcurrentQueue<StepProgress> _reports = new();

    public IReadOnlyList<StepProgress> Reports => [.. _reports];

    public void Report(StepProgress value) => _reports.Enqueue(value);

    /// <summary>The final state of each step call, by sequence number.</summary>
    public IReadOnlyDictionary<int, StepState> FinalStates() =>
        Reports.GroupBy(r => r.Sequence).ToDictionary(g => g.Key, g => g.Last().State);
}
