namespace MlopsServerless.Core.Monitoring.Feedback;

/// <summary>
/// Live performance of a model over [<paramref name="WindowStart"/>, <paramref name="WindowEnd"/>):
/// <paramref name="Labels"/> labels received, <paramref name="Unmatched"/> of them with no logged prediction in the
/// window (unknown id, unsampled request, or dropped from the log), per-version metrics, and the drops beyond the threshold.
/// </summary>
public sealed record PerformanceReport(
    string Model,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Labels,
    int Unmatched,
    IReadOnlyList<VersionPerformance> Versions,
    IReadOnlyList<PerformanceDrop> Drops)
{
    /// <summary>True when some version's live metrics dropped beyond the threshold.</summary>
    public bool Degraded => Drops.Count > 0;
}
