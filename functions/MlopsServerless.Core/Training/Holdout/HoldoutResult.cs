using System.Text.Json.Serialization;

namespace MlopsServerless.Core.Training.Holdout;

/// <summary>What <c>mlops train --json</c> prints: the task, algorithm, timings and test-split metrics.</summary>
public sealed record HoldoutResult(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("train_rows")] int TrainRows,
    [property: JsonPropertyName("test_rows")] int TestRows,
    [property: JsonPropertyName("train_seconds")] double TrainSeconds,
    [property: JsonPropertyName("predict_us_per_row")] double PredictMicrosecondsPerRow,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double> Metrics,
    [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, string> Parameters);
