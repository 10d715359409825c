namespace MlopsServerless.Core.Datasets;

/// <summary>What a column holds, as inferred from the data or declared in the data contract.</summary>
public enum ColumnKind
{
    /// <summary>Numbers (integers or decimals, invariant culture).</summary>
    Numeric,
    /// <summary>A small set of text levels.</summary>
    Categorical,
    /// <summary>true/false, yes/no, 1/0 style values.</summary>
    Boolean,
}
