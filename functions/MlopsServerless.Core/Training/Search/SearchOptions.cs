namespace MlopsServerless.Core.Training.Search;

/// <summary>How a search runs.</summary>
/// <param name="Strategy">Grid or random. Defaults to grid.</param>
/// <param name="Trials">Random search: the number of candidates. Grid search: the most candidates allowed (a larger grid
/// is an error, not silently cut). Defaults to 20.</param>
/// <param name="Seed">Seeds the random draws and every candidate's training. Defaults to 0.</param>
/// <param name="MaxParallelism">Candidates trained at once. Defaults to 2.</param>
/// <param name="PrimaryMetric">The validation metric that picks the winner, null for the task's
/// <see cref="Evaluation.MetricCatalog.DefaultPrimary"/>.</param>
public sealed record SearchOptions(
    SearchStrategy Strategy = SearchStrategy.Grid,
    int Trials = 20,
    int Seed = 0,
    int MaxParallelism = 2,
    string? PrimaryMetric = null);
