using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Registry;

/// <summary>
/// The model card of a version (<c>card.json</c>): what data it learned from, how it was trained, how well it did,
/// what it is for and where it should not be trusted.
/// </summary>
public sealed record ModelCard(
    string Model,
    string Dataset,
    string DatasetVersion,
    long TrainingRows,
    string Label,
    ModelTask Task,
    IReadOnlyList<string> Classes,
    IReadOnlyList<FeatureSpec> Inputs,
    string Algorithm,
    IReadOnlyDictionary<string, string> Parameters,
    int Seed,
    string PrimaryMetric,
    IReadOnlyDictionary<string, double> TestMetrics,
    IReadOnlyDictionary<string, double> ValidationMetrics,
    int? ChampionVersion,
    IReadOnlyDictionary<string, double>? ChampionTestMetrics,
    string RunId,
    string? CodeVersion,
    string IntendedUse,
    IReadOnlyList<string> Limitations);
