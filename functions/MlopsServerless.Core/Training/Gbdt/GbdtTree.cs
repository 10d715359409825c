namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// One regression tree as flat arrays indexed by node (node 0 is the root). A leaf has <see cref="Feature"/> -1 and its
/// contribution (already scaled by the learning rate) in <see cref="Value"/>. An inner node sends a row left when its
/// input is missing and <see cref="MissingLeft"/> is set; otherwise a numeric input goes left when
/// <c>value &lt;= Threshold</c> (equivalently bin &lt;= <see cref="ThresholdBin"/>), and a categorical input goes left
/// when its bin's bit is set in the 8-word set at <c>CategoryBits[ThresholdBin * 8]</c>.
/// </summary>
public sealed record GbdtTree(
    int[] Feature,
    int[] ThresholdBin,
    float[] Threshold,
    bool[] MissingLeft,
    int[] Left,
    int[] Right,
    double[] Value,
    uint[] CategoryBits)
{
    /// <summary>Words per categorical split's bit set (256 bins).</summary>
    public const int CategoryWords = 8;

    /// <summary>The leaf value a binned row reaches.</summary>
    internal double PredictBinned(BinnedMatrix matrix, int row, bool[] categorical) => Value[LeafOf(matrix, row, categorical)];

    /// <summary>The node index of the leaf a binned row reaches.</summary>
    internal int LeafOf(BinnedMatrix matrix, int row, bool[] categorical)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            var feature = Feature[node];
            var bin = matrix.Bin(feature, row);
            bool left;
            if (bin == GbdtFeature.MissingBin)
            {
                left = MissingLeft[node];
            }
            else if (categorical[feature])
            {
                left = (CategoryBits[(ThresholdBin[node] * CategoryWords) + (bin >> 5)] & (1u << (bin & 31))) != 0;
            }
            else
            {
                left = bin <= ThresholdBin[node];
            }

            node = left ? Left[node] : Right[node];
        }

        return node;
    }
}
