namespace MlopsServerless.Core.Evaluation;

/// <summary>Counts of actual (row) against predicted (column) class, both in the order of <see cref="Classes"/>.</summary>
public sealed record ConfusionMatrix(IReadOnlyList<string> Classes, int[][] Counts)
{
    /// <summary>Counts the pairs of actual class <paramref name="actual"/> and predicted class <paramref name="predicted"/>.</summary>
    public static ConfusionMatrix From(IReadOnlyList<string> classes, ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        var counts = new int[classes.Count][];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = new int[classes.Count];
        }

        for (var i = 0; i < actual.Length; i++)
        {
            counts[actual[i]][predicted[i]]++;
        }

        return new ConfusionMatrix(classes, counts);
    }
}
