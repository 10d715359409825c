using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;

namespace MlopsServerless.Core.Training.Search;

/// <summary>
/// Trains candidate parameter sets of one algorithm on a training table, scores each on a validation table and picks the
/// best by a primary metric. Results do not depend on the order in which parallel candidates finish: each lands in its
/// own slot, and ties go to the lower candidate index.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>
    /// The candidates <paramref name="options"/> draws from <paramref name="space"/>, in a fixed order: grid in row-major
    /// order of the parameters as listed; random as <see cref="SearchOptions.Trials"/> draws from a
    /// <see cref="Random"/> seeded with <see cref="SearchOptions.Seed"/>. Fixed parameters are added to each.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when the grid exceeds <see cref="SearchOptions.Trials"/>, the
    /// trial count is not positive, or a parameter is both fixed and searched.</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Candidates(SearchSpace space, SearchOptions options)
    {
        if (options.Trials < 1)
        {
            throw MlopsException.InvalidArgument($"A search needs at least 1 trial (got {options.Trials}).");
        }

        var clash = space.Parameters.Select(p => p.Name).Where(space.Fixed.ContainsKey).ToList();
        if (clash.Count > 0)
        {
            throw MlopsException.InvalidArgument($"{string.Join(", ", clash)} is both fixed and searched; keep one.");
        }

        var draws = options.Strategy == SearchStrategy.Grid ? Grid(space, options.Trials) : RandomDraws(space, options);
        return draws.Select(d => (IReadOnlyDictionary<string, string>)new SortedDictionary<string, string>(
            d.Concat(space.Fixed).ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal)).ToList();
    }

    /// <summary>
    /// Trains every candidate (at most <see cref="SearchOptions.MaxParallelism"/> at once) on <paramref name="train"/>,
    /// scores it on <paramref name="validation"/> with <see cref="ModelEvaluator"/>, and returns all candidates with the
    /// winner by the primary metric (its <see cref="MetricCatalog.HigherIsBetter"/> direction). A candidate that fails
    /// with an <see cref="MlopsException"/> is reported with its error and cannot win.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument for a bad space, options, algorithm or metric, or an algorithm
    /// that does not fit <paramref name="task"/>; FailedPrecondition when every candidate failed (the message carries the
    /// first error).</exception>
    public static async Task<SearchResult> RunAsync(
        SearchSpace space,
        Table train,
        Table validation,
        string label,
        ModelTask task,
        SearchOptions options,
        CancellationToken cancellationToken)
    {
        var registration = TrainerCatalog.Get(space.Algorithm);
        if (!registration.CreateTrainer().Supports(task))
        {
            throw MlopsException.InvalidArgument($"{space.Algorithm} does not fit {task}.");
        }

        var metric = options.PrimaryMetric ?? MetricCatalog.DefaultPrimary(task);
        var higherIsBetter = MetricCatalog.HigherIsBetter(metric);
        if (!MetricCatalog.For(task).Contains(metric))
        {
            throw MlopsException.InvalidArgument($"'{metric}' is not a {task} metric. Use one of: {string.Join(", ", MetricCatalog.For(task))}.");
        }

        if (options.MaxParallelism < 1)
        {
            throw MlopsException.InvalidArgument($"MaxParallelism must be at least 1 (got {options.MaxParallelism}).");
        }

        var candidates = Candidates(space, options);
        var results = new SearchCandidate[candidates.Count];
        var models = new TrainedModel?[candidates.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, candidates.Count), parallel, (index, token) =>
        {
            (results[index], models[index]) = TrainOne(registration, index, candidates[index], train, validation, label, task, options.Seed, token);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        var winner = -1;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Error is null && (winner < 0 || Better(results[i].Metrics[metric], results[winner].Metrics[metric], higherIsBetter)))
            {
                winner = i;
            }
        }

        if (winner < 0)
        {
            throw MlopsException.FailedPrecondition(
                $"All {results.Length} {space.Algorithm} candidates failed; the first: {results[0].Error}");
        }

        return new SearchResult(metric, results, winner, models[winner]!);
    }

    private static (SearchCandidate, TrainedModel?) TrainOne(
        AlgorithmRegistration registration, int index, IReadOnlyDictionary<string, string> parameters, Table train, Table validation,
        string label, ModelTask task, int seed, CancellationToken cancellationToken)
    {
        try
        {
            var model = registration.CreateTrainer().Train(new TrainingRequest(train, validation, label, task, parameters, seed), cancellationToken);
            var evaluation = ModelEvaluator.Evaluate(model, validation);
            return (new SearchCandidate(index, model.Parameters, evaluation.Metrics, null), model);
        }
        catch (MlopsException e)
        {
            return (new SearchCandidate(index, parameters, new Dictionary<string, double>(), e.Message), null);
        }
    }

    // Strictly better only, so among equal scores the earliest candidate wins whatever the completion order.
    private static bool Better(double candidate, double best, bool higherIsBetter) =>
        higherIsBetter ? candidate > best : candidate < best;

    private static List<Dictionary<string, string>> Grid(SearchSpace space, int limit)
    {
        var axes = space.Parameters.Select(p => p.GridValues()).ToList();
        var size = axes.Aggregate(1L, (total, axis) => total * axis.Count);
        if (size > limit)
        {
            throw MlopsException.InvalidArgument(
                $"The grid has {size} candidates, more than the {limit} allowed; shrink it or raise Trials.");
        }

        var result = new List<Dictionary<string, string>> { new(StringComparer.Ordinal) };
        for (var p = 0; p < axes.Count; p++)
        {
            result = result.SelectMany(partial => axes[p].Select(value =>
                new Dictionary<string, string>(partial, StringComparer.Ordinal) { [space.Parameters[p].Name] = value })).ToList();
        }

        return result;
    }

    private static List<Dictionary<string, string>> RandomDraws(SearchSpace space, SearchOptions options)
    {
        var random = new Random(options.Seed);
        var result = new List<Dictionary<string, string>>();
        for (var trial = 0; trial < options.Trials; trial++)
        {
            result.Add(space.Parameters.ToDictionary(p => p.Name, p => p.Draw(random), StringComparer.Ordinal));
        }

        return result;
    }
}
