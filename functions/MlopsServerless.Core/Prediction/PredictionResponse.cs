using MlopsServerless.Core.Registry;

namespace MlopsServerless.Core.Prediction;

/// <summary>What a predict call answers: the model version that made the predictions and one entry per input row.</summary>
public sealed record PredictionResponse(string Model, int Version, Stage Stage, IReadOnlyList<RowPrediction> Predictions);
