namespace MlopsServerless.Http.Monitoring;

/// <summary>One stored drift report of GET /api/monitoring/{model}/drift/history: when it ran, on what, and its verdict.</summary>
public sealed record DriftReportSummary(
    DateTimeOffset? CheckedAt,
    string? ModelId,
    long CurrentRows,
    int Features,
    int DriftedFeatures,
    double DriftedShare,
    string Verdict);
