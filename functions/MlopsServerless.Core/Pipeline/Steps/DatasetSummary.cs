using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>The verified dataset version a run trains on: its label, the task it implies and the size of each split.</summary>
public sealed record DatasetSummary(
    string Dataset,
    string Version,
    string Sha256,
    long Rows,
    string Label,
    ModelTask Task,
    IReadOnlyList<string> Classes,
    int TrainRows,
    int ValidationRows,
    int TestRows);
