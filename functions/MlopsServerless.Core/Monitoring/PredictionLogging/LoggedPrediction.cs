using System.Text.Json;
using MlopsServerless.Core.Prediction;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>
/// One logged row (one JSON line of <c>monitoring/{model}/predictions/{yyyy-MM-dd}/{HH}.jsonl</c>): the id returned to
/// the caller, the model version that answered, when, how long the whole request took, the row's input features as
/// sent and the answer.
/// </summary>
public sealed record LoggedPrediction(
    string PredictionId,
    string Model,
    int Version,
    DateTimeOffset Time,
    double LatencyMs,
    JsonElement Input,
    RowPrediction Output);
