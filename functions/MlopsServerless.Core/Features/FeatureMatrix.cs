namespace MlopsServerless.Core.Features;

/// <summary>A dense row-major matrix of features: <c>Values[row * ColumnCount + column]</c>.</summary>
public sealed record FeatureMatrix(int RowCount, int ColumnCount, double[] Values)
{
    /// <summary>The features of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * ColumnCount, ColumnCount);
}
