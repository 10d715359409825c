namespace MlopsServerless.Core.Prediction;

/// <summary>
/// One row's answer: for classification the most probable class (<paramref name="Label"/>) and every class's
/// probability; for regression the predicted <paramref name="Value"/>. <paramref name="PredictionId"/> identifies the
/// row in the prediction log (send it back with the true label as feedback); it is null when the request was not
/// sampled into the log.
/// </summary>
public sealed record RowPrediction(string? Label, double? Value, IReadOnlyDictionary<string, double>? Probabilities, string? PredictionId = null);
