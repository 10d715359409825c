using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Features;

namespace MlopsServerless.Core.Tests.Features;

/// <summary>A dense row-major matrix of features, <c>Values[row * ColumnCount + column]</c>: how the tests read an encoding.</summary>
public sealed record FeatureMatrix(int RowCount, int ColumnCount, double[] Values)
{
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * ColumnCount, ColumnCount);
}

public static class DenseFeatures
{
    /// <summary>The featurizer's rows with every one-hot block written out.</summary>
    public static FeatureMatrix Transform(this Featurizer featurizer, Table table)
    {
        var sparse = featurizer.TransformSparse(table);
        var values = new double[sparse.RowCount * sparse.ColumnCount];
        for (var row = 0; row < sparse.RowCount; row++)
        {
            var target = values.AsSpan(row * sparse.ColumnCount, sparse.ColumnCount);
            var dense = sparse.Dense(row);
            for (var slot = 0; slot < dense.Length; slot++)
            {
                target[sparse.DenseColumns[slot]] = dense[slot];
            }

            foreach (var column in sparse.Hot(row))
            {
                target[column] = 1;
            }
        }

        return new FeatureMatrix(sparse.RowCount, sparse.ColumnCount, values);
    }
}
