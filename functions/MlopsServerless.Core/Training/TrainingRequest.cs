using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training;

/// <summary>
/// Everything a trainer needs. <paramref name="Train"/> (and <paramref name="Validation"/>, used for early stopping
/// when present) hold the feature columns and the label column named <paramref name="Label"/>.
/// </summary>
public sealed record TrainingRequest(
    Table Train,
    Table? Validation,
    string Label,
    ModelTask Task,
    IReadOnlyDictionary<string, string> Parameters,
    int Seed);
