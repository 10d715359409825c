using MlopsServerless.Core.Training.Search;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// How a run trains: the candidates to try, the seed, the split and the promotion policy. The defaults train a
/// logistic regression and a gradient-boosted tree model and pick the better on the validation split.
/// </summary>
/// <param name="Candidates">Algorithms and parameters to train. Defaults to every registered algorithm marked as a default candidate that fits the task, with its defaults.</param>
/// <param name="Seed">Seed for the split and every trainer. Defaults to 42.</param>
/// <param name="ValidationFraction">Share of rows for model selection and early stopping. Defaults to 0.15.</param>
/// <param name="TestFraction">Share of rows held out for the final evaluation and the champion comparison. Defaults to 0.15.</param>
/// <param name="PrimaryMetric">Metric that selects and promotes; null uses the task's default (auc, or rmse for regression).</param>
/// <param name="Promotion">When a new version replaces Production. Defaults to <see cref="PromotionPolicy.Default"/>.</param>
/// <param name="MaxParallelCandidates">Candidates trained at once. Defaults to 2.</param>
/// <param name="Search">Hyperparameter search spaces; each expands into candidates (grid, or <paramref name="SearchTrials"/>
/// seeded random draws) added after <paramref name="Candidates"/>. Defaults to none.</param>
/// <param name="SearchStrategy">Grid or random. Defaults to grid.</param>
/// <param name="SearchTrials">Random draws per space, or the largest grid allowed. Defaults to 20.</param>
public sealed record PipelineConfig(
    IReadOnlyList<CandidateSpec>? Candidates = null,
    int Seed = 42,
    double ValidationFraction = 0.15,
    double TestFraction = 0.15,
    string? PrimaryMetric = null,
    PromotionPolicy? Promotion = null,
    int MaxParallelCandidates = 2,
    IReadOnlyList<SearchSpace>? Search = null,
    SearchStrategy SearchStrategy = SearchStrategy.Grid,
    int SearchTrials = 20)
{
    /// <summary>
    /// The candidates for <paramref name="task"/>: the configured ones followed by every search space's expansion, or, when
    /// neither is configured, every registered algorithm that fits the task with its defaults. Pure and deterministic
    /// (random search draws from <see cref="Seed"/>), so the flow may call it.
    /// </summary>
    public IReadOnlyList<CandidateSpec> CandidatesFor(Training.ModelTask task)
    {
        var searched = (Search ?? []).SelectMany(space => HyperparameterSearch.Candidates(space, new SearchOptions(SearchStrategy, SearchTrials, Seed))
            .Select(parameters => new CandidateSpec(space.Algorithm, parameters)));
        var configured = (Candidates ?? []).Concat(searched).ToList();
        return configured.Count > 0
            ? configured
            : Training.TrainerCatalog.All.Where(r => r.DefaultCandidate && r.CreateTrainer().Supports(task))
                .Select(r => new CandidateSpec(r.Name, new Dictionary<string, string>())).ToList();
    }

    /// <summary>The promotion policy, defaulted.</summary>
    public PromotionPolicy EffectivePromotion => Promotion ?? PromotionPolicy.Default;

    /// <summary>Checks the configuration before a run starts.</summary>
    /// <exception cref="Errors.MlopsException">InvalidArgument saying which setting is wrong.</exception>
    public void Validate()
    {
        if (ValidationFraction <= 0 || TestFraction <= 0 || ValidationFraction + TestFraction >= 0.9)
        {
            throw Errors.MlopsException.InvalidArgument("validationFraction and testFraction must be above 0 and leave at least 10% of rows for training.");
        }

        if (MaxParallelCandidates is < 1 or > 64)
        {
            throw Errors.MlopsException.InvalidArgument("maxParallelCandidates must be between 1 and 64.");
        }

        foreach (var algorithm in (Candidates ?? []).Select(c => c.Algorithm).Concat((Search ?? []).Select(s => s.Algorithm)))
        {
            Training.TrainerCatalog.Get(algorithm);
        }

        foreach (var space in Search ?? [])
        {
            HyperparameterSearch.Candidates(space, new SearchOptions(SearchStrategy, SearchTrials, Seed));
        }
    }
}
