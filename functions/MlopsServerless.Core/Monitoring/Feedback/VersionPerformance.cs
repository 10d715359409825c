using MlopsServerless.Core.Registry;

namespace MlopsServerless.Core.Monitoring.Feedback;

/// <summary>
/// One version's live metrics over the labelled predictions it made in the window, next to its test metrics from the
/// registry. <paramref name="UnknownLabels"/> counts labels that are not one of the model's classes (left out).
/// </summary>
public sealed record VersionPerformance(
    int Version,
    Stage Stage,
    int Labelled,
    int UnknownLabels,
    IReadOnlyDictionary<string, double> Live,
    IReadOnlyDictionary<string, double> Test);
