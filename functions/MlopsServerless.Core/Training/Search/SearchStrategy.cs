namespace MlopsServerless.Core.Training.Search;

/// <summary>How candidates are drawn from a <see cref="SearchSpace"/>.</summary>
public enum SearchStrategy
{
    /// <summary>Every combination of every parameter's grid values.</summary>
    Grid,
    /// <summary>A fixed number of seeded random draws.</summary>
    Random,
}
