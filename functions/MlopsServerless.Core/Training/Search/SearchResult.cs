namespace MlopsServerless.Core.Training.Search;

/// <summary>Every candidate in candidate order, the metric that chose, and the winner (its index and trained model).</summary>
public sealed record SearchResult(string PrimaryMetric, IReadOnlyList<SearchCandidate> Candidates, int WinnerIndex, TrainedModel Winner)
{
    /// <summary>The winning candidate.</summary>
    public SearchCandidate Best => Candidates[WinnerIndex];
}
