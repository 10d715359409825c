namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>
/// What the prediction log has done since start, in rows: accepted into the buffer, dropped because it was full (or
/// the log was shutting down), appended to the store, and lost to failed appends. <paramref name="Pending"/> is the
/// number of requests waiting in the buffer now.
/// </summary>
public sealed record PredictionLogCounters(long Logged, long Dropped, long Written, long WriteFailures, int Pending);
