namespace MlopsServerless.Core.Training;

/// <summary>
/// What a model takes and gives: the input features in order, the label it predicts, the task and, for
/// classification, the class names in the order of the probabilities it returns.
/// </summary>
public sealed record ModelSignature(
    IReadOnlyList<FeatureSpec> Inputs,
    string Label,
    ModelTask Task,
    IReadOnlyList<string> Classes);
