namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>
/// Test-split metrics of the chosen candidate and, when a Production champion exists and takes the same inputs,
/// of the champion on the very same rows.
/// </summary>
public sealed record EvaluationSummary(
    IReadOnlyDictionary<string, double> CandidateMetrics,
    int? ChampionVersion,
    IReadOnlyDictionary<string, double>? ChampionMetrics,
    string? ChampionNote);
