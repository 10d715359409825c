namespace MlopsServerless.Core.Features;

/// <summary>
/// Featurized rows in the shape one-hot data is cheapest to walk: per row, the values of the <see cref="DenseColumns"/>
/// (numbers, booleans, missing indicators; row-major, <c>DenseValues[row * DenseColumns.Length + slot]</c>) and, per
/// categorical input, the one output column that is 1 (<c>HotColumns[row * HotCount + input]</c>). Every other cell is 0.
/// Column indices are those of <see cref="Featurizer.OutputNames"/> (of <see cref="ColumnCount"/> in all).
/// </summary>
public sealed record SparseFeatureMatrix(int RowCount, int ColumnCount, int[] DenseColumns, double[] DenseValues, int HotCount, int[] HotColumns)
{
    /// <summary>The dense-column values of row <paramref name="row"/>, in <see cref="DenseColumns"/> order.</summary>
    public ReadOnlySpan<double> Dense(int row) => DenseValues.AsSpan(row * DenseColumns.Length, DenseColumns.Length);

    /// <summary>The columns that are 1 in row <paramref name="row"/>, one per categorical input.</summary>
    public ReadOnlySpan<int> Hot(int row) => HotColumns.AsSpan(row * HotCount, HotCount);

    /// <summary>
    /// <c>intercept + w . x</c> for row <paramref name="row"/>, with <paramref name="weights"/> indexed by output column:
    /// the dense values' terms, then one weight per hot column (every other column of the row is 0).
    /// </summary>
    public double Score(int row, ReadOnlySpan<double> weights, double intercept)
    {
        var z = intercept;
        var values = Dense(row);
        for (var slot = 0; slot < values.Length; slot++)
        {
            z += weights[DenseColumns[slot]] * values[slot];
        }

        foreach (var column in Hot(row))
        {
            z += weights[column];
        }

        return z;
    }
}
