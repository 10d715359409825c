using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// Every tree of a model in one array of small nodes, for prediction. A child index &gt;= 0 is an inner node; a
/// negative one is <c>~leaf</c>, an index into the leaf values, so a walk never touches a leaf node.
/// </summary>
internal sealed class FlatForest
{
    private const int MissingLeftFlag = 1;
    private const int CategoricalFlag = 2;

    private readonly Node[] _nodes;
    private readonly double[] _leaves;
    private readonly uint[] _categoryBits;
    private readonly int[] _roots;
    private readonly int[] _outputs;

    // The block layout: every node of every tree (leaves loop to themselves), so a walk of exactly the tree's depth
    // needs no test for "reached a leaf" and rows of a block advance independently.
    private readonly Node[] _blockNodes;
    private readonly double[] _blockValues;
    private readonly int[] _blockRoots;
    private readonly int[] _depths;

    /// <exception cref="MlopsException">InvalidArgument when the trees are inconsistent (a damaged file).</exception>
    public FlatForest(GbdtBody body)
    {
        var nodes = new List<Node>();
        var leaves = new List<double>();
        var bits = new List<uint>();
        _roots = new int[body.Trees.Count];
        _outputs = new int[body.Trees.Count];
        var blockNodes = new List<Node>();
        var blockValues = new List<double>();
        _blockRoots = new int[body.Trees.Count];
        _depths = new int[body.Trees.Count];
        for (var t = 0; t < body.Trees.Count; t++)
        {
            var tree = body.Trees[t];
            var count = tree.Feature.Length;
            if (count == 0 || new[] { tree.ThresholdBin.Length, tree.Threshold.Length, tree.MissingLeft.Length, tree.Left.Length, tree.Right.Length, tree.Value.Length }.Any(l => l != count))
            {
                throw Damaged(t, "its node arrays differ in length");
            }

            // Dense ids: inner nodes in node order, leaves in node order.
            var ids = new int[count];
            int inner = 0, leaf = 0;
            for (var i = 0; i < count; i++)
            {
                ids[i] = tree.Feature[i] < 0 ? ~(leaves.Count + leaf++) : nodes.Count + inner++;
            }

            var bitsOffset = bits.Count;
            bits.AddRange(tree.CategoryBits);
            for (var i = 0; i < count; i++)
            {
                var feature = tree.Feature[i];
                if (feature < 0)
                {
                    leaves.Add(tree.Value[i]);
                    continue;
                }

                if (feature >= body.Features.Count || tree.Left[i] <= i || tree.Right[i] <= i || tree.Left[i] >= count || tree.Right[i] >= count)
                {
                    throw Damaged(t, $"node {i} points outside the tree");
                }

                var categorical = body.Features[feature].Kind == Datasets.ColumnKind.Categorical;
                var bin = categorical ? bitsOffset + (tree.ThresholdBin[i] * GbdtTree.CategoryWords) : tree.ThresholdBin[i];
                if (categorical && bin + GbdtTree.CategoryWords > bits.Count)
                {
                    throw Damaged(t, $"node {i} names a missing category set");
                }

                nodes.Add(new Node
                {
                    Feature = feature,
                    Threshold = tree.Threshold[i],
                    Left = ids[tree.Left[i]],
                    Right = ids[tree.Right[i]],
                    Bin = bin,
                    Flags = (tree.MissingLeft[i] ? MissingLeftFlag : 0) | (categorical ? CategoricalFlag : 0),
                });
            }

            _roots[t] = ids[0];
            _outputs[t] = t % body.TreesPerRound;
            _blockRoots[t] = blockNodes.Count;
            _depths[t] = AddBlockTree(tree, nodes, ids, blockNodes, blockValues);
        }

        _blockNodes = [.. blockNodes];
        _blockValues = [.. blockValues];

        _nodes = [.. nodes];
        _leaves = [.. leaves];
        _categoryBits = [.. bits];
    }

    /// <summary>Adds every tree's leaf value for one raw row (numbers, or category bins; NaN is missing).</summary>
    // Hot loop: compile fully optimized at once instead of starting in unoptimized tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRaw(ReadOnlySpan<float> row, Span<double> margins)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        for (var t = 0; t < _roots.Length; t++)
        {
            var id = _roots[t];
            while (id >= 0)
            {
                ref var node = ref Unsafe.Add(ref nodes, id);
                var x = row[node.Feature];
                bool left;
                if ((node.Flags & CategoricalFlag) == 0)
                {
                    // NaN fails every comparison, so "x <= threshold" is false for missing values; test it only then.
                    left = x <= node.Threshold || (float.IsNaN(x) && (node.Flags & MissingLeftFlag) != 0);
                }
                else
                {
                    left = x >= 0 && x < GbdtFeature.MissingBin
                        ? (_categoryBits[node.Bin + ((int)x >> 5)] & (1u << ((int)x & 31))) != 0
                        : (node.Flags & MissingLeftFlag) != 0;
                }

                id = left ? node.Left : node.Right;
            }

            margins[_outputs[t]] += _leaves[~id];
        }
    }

    /// <summary>
    /// Adds every tree's leaf value for <paramref name="count"/> (at most <see cref="BlockRows"/>) raw rows of
    /// <paramref name="inputs"/> floats each; margins are row-major, <paramref name="width"/> per row.
    /// </summary>
    // Hot loop: compile fully optimized at once instead of starting in unoptimized tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRawBlock(ReadOnlySpan<float> rows, int inputs, int count, Span<double> margins, int width)
    {
        Span<int> ids = stackalloc int[BlockRows];
        ids = ids[..count];
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_blockNodes);
        ref var bits = ref MemoryMarshal.GetArrayDataReference(_categoryBits);
        for (var t = 0; t < _blockRoots.Length; t++)
        {
            ids.Fill(_blockRoots[t]);
            for (var level = 0; level < _depths[t]; level++)
            {
                for (var r = 0; r < ids.Length; r++)
                {
                    ref var node = ref Unsafe.Add(ref nodes, ids[r]);
                    var x = rows[(r * inputs) + node.Feature];
                    bool left;
                    if ((node.Flags & CategoricalFlag) == 0)
                    {
                        left = (x <= node.Threshold) | (float.IsNaN(x) & ((node.Flags & MissingLeftFlag) != 0));
                    }
                    else
                    {
                        left = x >= 0 && x < GbdtFeature.MissingBin
                            ? (Unsafe.Add(ref bits, node.Bin + ((int)x >> 5)) & (1u << ((int)x & 31))) != 0
                            : (node.Flags & MissingLeftFlag) != 0;
                    }

                    ids[r] = left ? node.Left : node.Right;
                }
            }

            var output = _outputs[t];
            for (var r = 0; r < ids.Length; r++)
            {
                margins[(r * width) + output] += _blockValues[ids[r]];
            }
        }
    }

    /// <summary>Rows per call of <see cref="AddRawBlock"/>.</summary>
    public const int BlockRows = 128;

    /// <summary>Adds every tree's leaf value for row <paramref name="row"/> of a binned matrix.</summary>
    // Hot loop: compile fully optimized at once instead of starting in unoptimized tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddBinned(BinnedMatrix matrix, int row, Span<double> margins)
    {
        var data = matrix.Data;
        var rows = matrix.Rows;
        for (var t = 0; t < _roots.Length; t++)
        {
            var id = _roots[t];
            while (id >= 0)
            {
                ref var node = ref _nodes[id];
                int bin = data[(node.Feature * rows) + row];
                bool left;
                if (bin == GbdtFeature.MissingBin)
                {
                    left = (node.Flags & MissingLeftFlag) != 0;
                }
                else if ((node.Flags & CategoricalFlag) == 0)
                {
                    left = bin <= node.Bin;
                }
                else
                {
                    left = (_categoryBits[node.Bin + (bin >> 5)] & (1u << (bin & 31))) != 0;
                }

                id = left ? node.Left : node.Right;
            }

            margins[_outputs[t]] += _leaves[~id];
        }
    }

    /// <summary>Appends one tree in the block layout and returns its depth.</summary>
    private static int AddBlockTree(GbdtTree tree, List<Node> flat, int[] ids, List<Node> blockNodes, List<double> blockValues)
    {
        var offset = blockNodes.Count;
        var depth = new int[tree.Feature.Length];
        var maxDepth = 0;
        for (var i = 0; i < tree.Feature.Length; i++)
        {
            maxDepth = Math.Max(maxDepth, depth[i]);
            if (tree.Feature[i] < 0)
            {
                blockNodes.Add(new Node { Left = offset + i, Right = offset + i });
                blockValues.Add(tree.Value[i]);
                continue;
            }

            // Children always come after their parent, so their depth is set before they are visited.
            depth[tree.Left[i]] = depth[i] + 1;
            depth[tree.Right[i]] = depth[i] + 1;
            var node = flat[ids[i]];
            node.Left = offset + tree.Left[i];
            node.Right = offset + tree.Right[i];
            blockNodes.Add(node);
            blockValues.Add(0);
        }

        return maxDepth;
    }

    private static MlopsException Damaged(int tree, string what) =>
        MlopsException.InvalidArgument($"The gbdt model file is damaged: tree {tree}: {what}.");

    private struct Node
    {
        public int Feature;
        public float Threshold;
        public int Left;
        public int Right;
        public int Bin;
        public int Flags;
    }
}
