using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// The prediction layout built in memory at load time (the saved trees are unchanged): 16-byte nodes and a walk with
/// no data-dependent branches. Every tree is walked exactly its depth (leaves loop to themselves), so walks of many
/// rows (batches) or several trees (one row) interleave and hide memory latency. Rows are first copied into cells
/// (<see cref="Prepare"/>): two per input, so a node reads the copy where missing values already go its way, and one
/// constant cell that leaves read. Numbers are compared as they are, as <see cref="FlatForest"/> does, so both give
/// exactly the same leaves.
/// </summary>
internal sealed class CompactForest
{
    /// <summary>Rows walked together in a batch.</summary>
    public const int BlockRows = 128;

    // Trees walked together for one row.
    private const int TreeGroup = 8;

    // Node references are byte offsets into the node array (index * 16), which saves the walk a multiply.
    private const int NodeBytes = 16;

    private readonly Node[] _nodes;
    private readonly double[] _values;
    private readonly uint[] _sets;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly int[] _groupDepths;
    private readonly int[] _outputs;
    private readonly int _inputs;
    private readonly int[] _categoricalInputs;

    private CompactForest(Node[] nodes, double[] values, uint[] sets, int[] roots, int[] depths, int[] outputs, IReadOnlyList<GbdtFeature> features)
    {
        _nodes = nodes;
        _values = values;
        _sets = sets;
        _roots = roots;
        _depths = depths;
        _outputs = outputs;
        _groupDepths = new int[(roots.Length + TreeGroup - 1) / TreeGroup];
        for (var t = 0; t < roots.Length; t++)
        {
            _groupDepths[t / TreeGroup] = Math.Max(_groupDepths[t / TreeGroup], depths[t]);
        }

        _inputs = features.Count;
        _categoricalInputs = Enumerable.Range(0, features.Count).Where(f => features[f].Kind == ColumnKind.Categorical).ToArray();
    }

    /// <summary>Floats per prepared row: two per input and one constant.</summary>
    public int Width => (2 * _inputs) + 1;

    /// <summary>
    /// Builds the layout from trees <see cref="FlatForest"/> has already checked, or returns null when the model is
    /// beyond the compact node's limits (no inputs, more than 32,767 inputs or 8,191 categorical splits); callers then keep
    /// using <see cref="FlatForest"/>.
    /// </summary>
    public static CompactForest? TryBuild(GbdtBody body)
    {
        if (body.Features.Count == 0 || body.Features.Count > short.MaxValue)
        {
            return null;
        }

        var nodes = new List<Node>();
        var values = new List<double>();
        var sets = new List<uint>(new uint[GbdtTree.CategoryWords]); // set 0 is empty: numeric nodes read it
        var roots = new int[body.Trees.Count];
        var depths = new int[body.Trees.Count];
        var outputs = new int[body.Trees.Count];
        for (var t = 0; t < body.Trees.Count; t++)
        {
            var tree = body.Trees[t];
            var offset = nodes.Count;
            var depth = new int[tree.Feature.Length];
            roots[t] = offset * NodeBytes;
            outputs[t] = t % body.TreesPerRound;
            for (var i = 0; i < tree.Feature.Length; i++)
            {
                depths[t] = Math.Max(depths[t], depth[i]);
                var feature = tree.Feature[i];
                if (feature < 0)
                {
                    // The constant cell (0) is below +infinity: always left, back to this leaf.
                    nodes.Add(new Node { Left = (offset + i) * NodeBytes, Right = (offset + i) * NodeBytes, Threshold = float.PositiveInfinity, Cell = (ushort)(2 * body.Features.Count) });
                    values.Add(tree.Value[i]);
                    continue;
                }

                // Children come after their parent (checked by FlatForest), so their depth is set before they are visited.
                depth[tree.Left[i]] = depth[i] + 1;
                depth[tree.Right[i]] = depth[i] + 1;
                var missingLeft = tree.MissingLeft[i];
                float threshold;
                ushort set = 0;
                if (body.Features[feature].Kind == ColumnKind.Categorical)
                {
                    var index = sets.Count / GbdtTree.CategoryWords;
                    if (index * GbdtTree.CategoryWords > ushort.MaxValue)
                    {
                        return null;
                    }

                    var words = tree.CategoryBits.AsSpan(tree.ThresholdBin[i] * GbdtTree.CategoryWords, GbdtTree.CategoryWords).ToArray();
                    var missingBit = 1u << (GbdtFeature.MissingBin & 31);
                    words[GbdtFeature.MissingBin >> 5] = missingLeft ? words[GbdtFeature.MissingBin >> 5] | missingBit : words[GbdtFeature.MissingBin >> 5] & ~missingBit;
                    sets.AddRange(words);
                    set = (ushort)(index * GbdtTree.CategoryWords); // the set's first word

                    // A categorical cell holds its bin as the bits of a tiny positive float, which is above -infinity:
                    // the numeric test always says right, and the set decides.
                    threshold = float.NegativeInfinity;
                }
                else
                {
                    threshold = tree.Threshold[i];
                }

                nodes.Add(new Node
                {
                    Left = (offset + tree.Left[i]) * NodeBytes,
                    Right = (offset + tree.Right[i]) * NodeBytes,
                    Cell = (ushort)((2 * feature) + (missingLeft ? 1 : 0)),
                    Set = set,
                    Threshold = threshold,
                });
                values.Add(0);
            }
        }

        return new CompactForest([.. nodes], [.. values], [.. sets], roots, depths, outputs, body.Features);
    }

    /// <summary>
    /// Copies one raw row (numbers, or category bins as <see cref="GbdtModel.EncodeLevel"/> gives them; NaN is missing)
    /// into <see cref="Width"/> cells. Input f fills cells 2f and 2f+1: a number as it is in the first (NaN fails
    /// <c>x &lt;= threshold</c>: right) and with NaN as -infinity in the second (passes it: left); a category as its bin
    /// (255 when missing or out of range) stored as the bits of a tiny positive float in both. The last cell is 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Prepare(ReadOnlySpan<float> row, Span<float> cells)
    {
        cells = cells[..Width];
        for (var f = 0; f < _inputs; f++)
        {
            var x = row[f];
            cells[2 * f] = x;
            cells[(2 * f) + 1] = float.IsNaN(x) ? float.NegativeInfinity : x;
        }

        foreach (var f in _categoricalInputs)
        {
            var x = row[f];
            var bin = BitConverter.Int32BitsToSingle(x >= 0 && x < GbdtFeature.MissingBin ? (int)x : GbdtFeature.MissingBin);
            cells[2 * f] = bin;
            cells[(2 * f) + 1] = bin;
        }

        cells[^1] = 0;
    }

    /// <summary>Adds every tree's leaf value for one prepared row; trees are walked <see cref="TreeGroup"/> at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRow(ReadOnlySpan<float> row, Span<double> margins)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var sets = ref MemoryMarshal.GetArrayDataReference(_sets);
        ref var bins = ref MemoryMarshal.GetReference(row);
        var trees = _roots.Length;
        var t = 0;
        for (var g = 0; t + TreeGroup <= trees; g++, t += TreeGroup)
        {
            int a = _roots[t], b = _roots[t + 1], c = _roots[t + 2], d = _roots[t + 3];
            int e = _roots[t + 4], f = _roots[t + 5], h = _roots[t + 6], k = _roots[t + 7];
            for (var level = _groupDepths[g]; level > 0; level--)
            {
                a = Step(ref nodes, ref sets, ref bins, a);
                b = Step(ref nodes, ref sets, ref bins, b);
                c = Step(ref nodes, ref sets, ref bins, c);
                d = Step(ref nodes, ref sets, ref bins, d);
                e = Step(ref nodes, ref sets, ref bins, e);
                f = Step(ref nodes, ref sets, ref bins, f);
                h = Step(ref nodes, ref sets, ref bins, h);
                k = Step(ref nodes, ref sets, ref bins, k);
            }

            // In tree order, so the sums equal the other paths' to the last bit.
            margins[_outputs[t]] += _values[a / NodeBytes];
            margins[_outputs[t + 1]] += _values[b / NodeBytes];
            margins[_outputs[t + 2]] += _values[c / NodeBytes];
            margins[_outputs[t + 3]] += _values[d / NodeBytes];
            margins[_outputs[t + 4]] += _values[e / NodeBytes];
            margins[_outputs[t + 5]] += _values[f / NodeBytes];
            margins[_outputs[t + 6]] += _values[h / NodeBytes];
            margins[_outputs[t + 7]] += _values[k / NodeBytes];
        }

        for (; t < trees; t++)
        {
            var id = _roots[t];
            for (var level = _depths[t]; level > 0; level--)
            {
                id = Step(ref nodes, ref sets, ref bins, id);
            }

            margins[_outputs[t]] += _values[id / NodeBytes];
        }
    }

    /// <summary>
    /// Adds every tree's leaf value for <paramref name="count"/> (at most <see cref="BlockRows"/>) prepared rows stored
    /// one after another (<see cref="Width"/> floats each); margins are row-major, <paramref name="width"/> per row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddBlock(ReadOnlySpan<float> rows, int count, Span<double> margins, int width)
    {
        Span<int> ids = stackalloc int[BlockRows];
        ids = ids[..count];
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var sets = ref MemoryMarshal.GetArrayDataReference(_sets);
        ref var first = ref MemoryMarshal.GetReference(rows);
        ref var id0 = ref MemoryMarshal.GetReference(ids);
        var cells = Width;
        for (var t = 0; t < _roots.Length; t++)
        {
            ids.Fill(_roots[t]);
            for (var level = _depths[t]; level > 0; level--)
            {
                StepRows(ref nodes, ref sets, ref first, ref id0, count, cells);
            }

            var output = _outputs[t];
            for (var r = 0; r < count; r++)
            {
                margins[(r * width) + output] += _values[ids[r] / NodeBytes];
            }
        }
    }

    /// <summary>One level of one tree for every row of a block.</summary>
    // Its own method so the loop gets the registers to itself (inlined into AddBlock, the JIT spilled its pointers).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StepRows(ref Node nodes, ref uint sets, ref float row, ref int ids, int count, int width)
    {
        for (var r = 0; r < count; r++)
        {
            ids = Step(ref nodes, ref sets, ref row, ids);
            ids = ref Unsafe.Add(ref ids, 1);
            row = ref Unsafe.Add(ref row, width);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Node nodes, ref uint sets, ref float row, int id)
    {
        ref var node = ref Unsafe.As<byte, Node>(ref Unsafe.AddByteOffset(ref Unsafe.As<Node, byte>(ref nodes), (nint)(uint)id));
        var cell = Unsafe.Add(ref row, node.Cell);

        // Numeric: right unless x <= threshold (the cell already sends missing values the node's way). Categorical:
        // the threshold is -infinity (always right) unless the bin's bit is set in the node's set; numeric nodes read
        // the empty set 0, their cell's bits masked into range. The set's bit comes first: the comparison's result is
        // then used at once instead of waiting in a spilled register. Offsets are unsigned: no sign extensions.
        var bin = BitConverter.SingleToUInt32Bits(cell);
        var bit = Unsafe.Add(ref sets, (nint)(node.Set + ((bin >> 5) & (GbdtTree.CategoryWords - 1)))) >> (int)bin;
        var right = ~bit & (!(cell <= node.Threshold) ? 1u : 0u);
        return Unsafe.Add(ref node.Left, (nint)right);
    }

    // Left and Right must stay first and adjacent: Step picks one by offset.
    [StructLayout(LayoutKind.Sequential, Size = NodeBytes)]
    private struct Node
    {
        public int Left;
        public int Right;
        public float Threshold;
        public ushort Cell;
        public ushort Set;
    }
}
