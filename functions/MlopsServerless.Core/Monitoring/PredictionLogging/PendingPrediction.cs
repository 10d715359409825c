namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>
/// A logged request as the serving path hands it over: its rows' JSON lines, ready to append, and each row's prediction id
/// (null for a row without one) for the index.
/// </summary>
internal sealed record PendingPrediction(string Model, int Version, DateTimeOffset Time, byte[] Lines, string?[] Ids);
