using System.Text.Json;

namespace MlopsServerless.Core.Monitoring.Feedback;

/// <summary>
/// One true label, as stored in <c>monitoring/{model}/feedback/{yyyy-MM-dd}.jsonl</c>: the prediction it belongs to,
/// the label as sent (a class name, boolean or number) and when it arrived.
/// </summary>
public sealed record GroundTruth(string PredictionId, JsonElement Label, DateTimeOffset ReceivedAt);
