namespace MlopsServerless.Core.Training;

/// <summary>
/// A batch of predictions. For classification <see cref="Values"/> holds <c>RowCount x Classes.Count</c> probabilities,
/// row-major, in the order of <see cref="Classes"/>; for regression it holds one value per row.
/// </summary>
public sealed record Predictions(ModelTask Task, IReadOnlyList<string> Classes, int RowCount, double[] Values)
{
    /// <summary>Values per row: the number of classes, or 1 for regression.</summary>
    public int Width => Task == ModelTask.Regression ? 1 : Classes.Count;

    /// <summary>The probabilities (or the single value) of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Width, Width);

    /// <summary>The most probable class of row <paramref name="row"/> (classification only).</summary>
    public int PredictedClass(int row)
    {
        var values = Row(row);
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
