namespace MlopsServerless.Core.Training.Search;

/// <summary>What to search: one algorithm, the parameters searched, and parameters held fixed for every candidate.</summary>
public sealed record SearchSpace(string Algorithm, IReadOnlyList<SearchParameter> Parameters, IReadOnlyDictionary<string, string> Fixed)
{
    /// <summary>A space with no fixed parameters.</summary>
    public SearchSpace(string algorithm, params SearchParameter[] parameters)
        : this(algorithm, parameters, new Dictionary<string, string>())
    {
    }
}
