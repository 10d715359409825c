using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// How one input is cut into bins, fitted on the training data. Numeric (and boolean) inputs use <see cref="Edges"/>:
/// a value goes to the first bin whose edge is at least the value (as float), or to the last bin. Categorical inputs use
/// <see cref="Levels"/>: bin i is level i (matched by text). Missing values, unseen levels and rare levels pooled at
/// fit time share the missing bin, whose side every split learns.
/// </summary>
public sealed record GbdtFeature(string Name, ColumnKind Kind, float[] Edges, string[] Levels)
{
    /// <summary>The bin that holds missing values, unseen levels and pooled rare levels.</summary>
    public const int MissingBin = 255;

    /// <summary>The number of real (non-missing) bins.</summary>
    public int BinCount => Kind == ColumnKind.Categorical ? Levels.Length : Edges.Length + 1;

    /// <summary>The bin of a numeric value; NaN goes to <see cref="MissingBin"/>.</summary>
    public int NumericBin(float value)
    {
        if (float.IsNaN(value))
        {
            return MissingBin;
        }

        // First edge >= value: the same comparison (value <= edge) that trees use on raw values.
        int lo = 0, hi = Edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (value <= Edges[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
