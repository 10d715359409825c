namespace MlopsServerless.Core.Datasets;

/// <summary>One column of a <see cref="Table"/>, held in a compact typed array.</summary>
public abstract record Column(string Name, ColumnKind Kind)
{
    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>True when the value at <paramref name="row"/> is missing.</summary>
    public abstract bool IsMissing(int row);
}

/// <summary>A numeric or boolean column: boolean values are 0 and 1; a missing value is NaN.</summary>
public sealed record NumericColumn(string Name, ColumnKind Kind, double[] Values) : Column(Name, Kind)
{
    public override int Length => Values.Length;

    public override bool IsMissing(int row) => double.IsNaN(Values[row]);
}

/// <summary>A categorical column: each row holds an index into <see cref="Levels"/>, or -1 when missing.</summary>
public sealed record CategoricalColumn(string Name, int[] Codes, IReadOnlyList<string> Levels) : Column(Name, ColumnKind.Categorical)
{
    public override int Length => Codes.Length;

    public override bool IsMissing(int row) => Codes[row] < 0;

    /// <summary>The text of the value at <paramref name="row"/>, or null when missing.</summary>
    public string? ValueAt(int row) => Codes[row] < 0 ? null : Levels[Codes[row]];
}
