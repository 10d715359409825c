namespace MlopsServerless.Core.Datasets;

/// <summary>What one column of a dataset version holds: its kind, how often it is missing and how its values spread.</summary>
/// <remarks>
/// Distinct values are counted exactly up to 10,000 (<see cref="DistinctCapped"/> past that). <see cref="TopLevels"/>
/// (the 20 most frequent values, for non-numeric columns) is null for a numeric column, and for a column whose values
/// were all numbers until past that cap and only later not: its values stopped being counted at the cap.
/// </remarks>
public sealed record ColumnProfile(
    string Name,
    ColumnKind Kind,
    long Count,
    long Missing,
    long Distinct,
    bool DistinctCapped,
    double? Min,
    double? Max,
    double? Mean,
    double? StdDev,
    IReadOnlyList<LevelCount>? TopLevels)
{
    /// <summary>Fraction of rows with no value.</summary>
    public double MissingRate => Count == 0 ? 0 : (double)Missing / Count;
}

/// <summary>A categorical level and how many rows have it.</summary>
public sealed record LevelCount(string Value, long Count);
