namespace MlopsServerless.Core.Training.Search;

/// <summary>How a searched parameter's values are produced.</summary>
public enum SearchParameterKind
{
    /// <summary>One of a listed set of values (text, as parameters are given).</summary>
    Choice,
    /// <summary>An integer in [Min, Max].</summary>
    Int,
    /// <summary>A number in [Min, Max], uniform.</summary>
    Float,
    /// <summary>A positive number in [Min, Max], uniform in its logarithm (for penalties, learning rates).</summary>
    LogFloat,
}
