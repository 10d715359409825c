using System.Text.Json;
using MlopsServerless.Core.Prediction;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>A logged request as the serving path hands it over; the writer splits it into rows off the request path.</summary>
internal sealed record PendingPrediction(string Model, int Version, DateTimeOffset Time, double LatencyMs, JsonElement Body, IReadOnlyList<RowPrediction> Rows);
