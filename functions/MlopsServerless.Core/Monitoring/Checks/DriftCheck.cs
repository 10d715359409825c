using MlopsServerless.Core.Monitoring.Retraining;

namespace MlopsServerless.Core.Monitoring.Checks;

/// <summary>One drift check of a model: the version checked, the window, the report, where it is stored, and the retraining decision when it drifted.</summary>
public sealed record DriftCheck(
    string Model,
    int Version,
    DateTimeOffset From,
    DateTimeOffset To,
    string ReportKey,
    DriftReport Report,
    RetrainingDecision? Retraining);
