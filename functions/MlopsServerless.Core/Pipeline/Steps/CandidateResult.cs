namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>A trained candidate: the parameters it used, its validation metrics and where its model file is.</summary>
public sealed record CandidateResult(
    int Index,
    string Algorithm,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> ValidationMetrics,
    string ModelKey,
    double TrainSeconds);
