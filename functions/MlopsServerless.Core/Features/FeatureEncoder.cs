using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Features;

/// <summary>
/// The fitted state of one input column. Numeric: missing values become <paramref name="Fill"/> (the training median),
/// then <c>(x - Mean) / Scale</c>. Boolean: 0/1, missing becomes <paramref name="Fill"/> (the most frequent value), not
/// scaled. Categorical: one column per level in <paramref name="Levels"/> plus an "other" column for pooled rare levels
/// and levels never seen in training; a missing value becomes <paramref name="FillLevel"/> (the most frequent level, or
/// "other" when null). With <paramref name="MissingIndicator"/> a trailing 0/1 column is 1 where the value was missing.
/// </summary>
public sealed record FeatureEncoder(
    string Name,
    ColumnKind Kind,
    double Fill,
    double Mean,
    double Scale,
    IReadOnlyList<string> Levels,
    string? FillLevel,
    bool MissingIndicator)
{
    /// <summary>The number of output columns this encoder writes.</summary>
    public int Width() => (Kind == ColumnKind.Categorical ? Levels.Count + 1 : 1) + (MissingIndicator ? 1 : 0);

    /// <summary>Names of the output columns: <c>name</c>, <c>name=level</c>, <c>name=(other)</c>, <c>name=(missing)</c>.</summary>
    public IEnumerable<string> OutputNames()
    {
        if (Kind == ColumnKind.Categorical)
        {
            foreach (var level in Levels)
            {
                yield return $"{Name}={level}";
            }

            yield return $"{Name}=(other)";
        }
        else
        {
            yield return Name;
        }

        if (MissingIndicator)
        {
            yield return $"{Name}=(missing)";
        }
    }
}
