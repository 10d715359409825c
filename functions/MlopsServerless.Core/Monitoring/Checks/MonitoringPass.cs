using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.Retraining;

namespace MlopsServerless.Core.Monitoring.Checks;

/// <summary>One scheduled look at a model: its drift check, its live performance, and the retraining decision a performance drop led to.</summary>
public sealed record MonitoringPass(DriftCheck Drift, PerformanceReport Performance, RetrainingDecision? PerformanceRetraining)
{
    /// <summary>Hourly prediction log objects deleted because they were older than the retention.</summary>
    public int ExpiredLogObjects { get; init; }
}
