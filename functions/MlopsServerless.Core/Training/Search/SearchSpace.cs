using System.Text.Json.Serialization;

namespace MlopsServerless.Core.Training.Search;

/// <summary>
/// What to search: one algorithm, the parameters searched, and parameters held fixed for every candidate. In a pipeline
/// config (JSON) <c>fixed</c> may be left out.
/// </summary>
public sealed record SearchSpace
{
    /// <summary>A space; <paramref name="fixed"/> null means none.</summary>
    [JsonConstructor]
    public SearchSpace(string algorithm, IReadOnlyList<SearchParameter> parameters, IReadOnlyDictionary<string, string>? @fixed)
    {
        Algorithm = algorithm;
        Parameters = parameters;
        Fixed = @fixed ?? new Dictionary<string, string>();
    }

    /// <summary>A space with no fixed parameters.</summary>
    public SearchSpace(string algorithm, params SearchParameter[] parameters)
        : this(algorithm, parameters, null)
    {
    }

    public string Algorithm { get; init; }

    public IReadOnlyList<SearchParameter> Parameters { get; init; }

    public IReadOnlyDictionary<string, string> Fixed { get; init; }
}
