namespace MlopsServerless.Core.Training.Search;

/// <summary>One trained candidate: its position in the candidate list, every parameter it was trained with (searched,
/// fixed and defaulted), its validation metrics, and the error when it could not be trained or scored (then
/// <see cref="Metrics"/> is empty).</summary>
public sealed record SearchCandidate(
    int Index,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    string? Error);
