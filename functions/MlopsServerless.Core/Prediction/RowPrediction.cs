namespace MlopsServerless.Core.Prediction;

/// <summary>
/// One row's answer: for classification the most probable class (<paramref name="Label"/>) and every class's
/// probability; for regression the predicted <paramref name="Value"/>.
/// </summary>
public sealed record RowPrediction(string? Label, double? Value, IReadOnlyDictionary<string, double>? Probabilities);
