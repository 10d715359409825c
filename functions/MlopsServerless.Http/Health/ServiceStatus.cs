using MlopsServerless.Core.Monitoring.PredictionLogging;

namespace MlopsServerless.Http.Health;

/// <summary>GET /api/status: the service's state, the code it runs, where its data lives and what it holds.</summary>
public sealed record ServiceStatus(
    string Status,
    string? CodeVersion,
    string Host,
    string StorageKind,
    string StorageLocation,
    int Models,
    int Datasets,
    PredictionLogCounters PredictionLog,
    DateTimeOffset Time);
