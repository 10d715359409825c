using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// A batch layout walked 16 rows at a time with AVX-512 (built in memory at load time; the saved trees are unchanged).
/// Every tree is padded to a complete binary tree of its depth and stored level by level, so a node is a position in
/// its level and the child is computed (<c>2p</c> or <c>2p + 1</c>): no child references to load. Node fields of levels
/// of up to 32 nodes and category sets of levels of up to 8 nodes are picked out of registers by permutes, the rows'
/// cells of the first three levels (1, 2 or 4 nodes) are whole-vector loads; the rest is gathered (AVX2 gathers, two
/// per 16 lanes). A block of rows is first copied column by column into cells as <see cref="CompactForest"/> does (two
/// per input, so a node reads the copy where missing values already go its way, and one constant cell), and numbers
/// are compared as they are, so the leaves and the sums (in tree order per row) are exactly those of the other paths.
/// The categorical test was the costly part (3 in 4 splits of the benchmark model are categorical), hence the
/// per-level set tables.
/// </summary>
internal sealed class VectorForest
{
    /// <summary>Rows walked together: four vectors of <see cref="Lanes"/> (<see cref="AddBlock"/> walks exactly four).</summary>
    public const int BlockRows = 64;

    /// <summary>Rows per vector.</summary>
    private const int Lanes = 16;

    // Beyond this depth a padded tree is mostly padding (2^depth leaves and 8 set words per slot); such models keep the
    // compact walk.
    private const int MaxDepth = 10;

    private readonly AlignedBuffer<float> _thresholds;
    private readonly AlignedBuffer<int> _cells;
    private readonly AlignedBuffer<int> _words;
    private readonly int[] _wordStarts;
    private readonly AlignedBuffer<double> _leaves;
    private readonly int[] _entries;
    private readonly int[] _leafStarts;
    private readonly int[] _depths;
    private readonly int[] _categoricalLevels;
    private readonly int[] _outputs;
    private readonly int _outputCount;
    private readonly int _inputs;
    private readonly bool[] _categorical;

    private VectorForest(
        AlignedBuffer<float> thresholds, AlignedBuffer<int> cells, AlignedBuffer<int> words, int[] wordStarts, AlignedBuffer<double> leaves, int[] entries, int[] leafStarts, int[] depths,
        int[] categoricalLevels, int[] outputs, IReadOnlyList<GbdtFeature> features)
    {
        _thresholds = thresholds;
        _cells = cells;
        _words = words;
        _wordStarts = wordStarts;
        _leaves = leaves;
        _entries = entries;
        _leafStarts = leafStarts;
        _depths = depths;
        _categoricalLevels = categoricalLevels;
        _outputs = outputs;
        _outputCount = outputs.Length == 0 ? 0 : outputs.Max() + 1;
        _inputs = features.Count;
        _categorical = features.Select(f => f.Kind == ColumnKind.Categorical).ToArray();
    }

    /// <summary>Whether this machine has the instructions the walk needs (AVX-512F and AVX2 gathers).</summary>
    public static bool IsSupported => Avx512F.IsSupported && Avx2.IsSupported;

    /// <summary>Floats of one prepared block: <see cref="BlockRows"/> per cell, two cells per input and one constant.</summary>
    public int BlockCells => ((2 * _inputs) + 1) * BlockRows;

    /// <summary>
    /// Builds the layout from trees <see cref="FlatForest"/> has already checked, or returns null when the machine lacks
    /// the instructions or the model does not suit it (no inputs or more than 32,767, as for the compact forest, a tree
    /// deeper than <see cref="MaxDepth"/>, or tables beyond an int); callers then keep using <see cref="CompactForest"/>.
    /// </summary>
    public static VectorForest? TryBuild(GbdtBody body)
    {
        if (!IsSupported || body.Features.Count == 0 || body.Features.Count > short.MaxValue)
        {
            return null;
        }

        var trees = body.Trees.Count;
        var nodeDepths = new int[trees][];
        var depths = new int[trees];
        for (var t = 0; t < trees; t++)
        {
            var tree = body.Trees[t];
            var depth = nodeDepths[t] = new int[tree.Feature.Length];
            for (var i = 0; i < tree.Feature.Length; i++)
            {
                depths[t] = Math.Max(depths[t], depth[i]);
                if (tree.Feature[i] >= 0)
                {
                    // Children come after their parent (checked by FlatForest), so their depth is set before they are visited.
                    depth[tree.Left[i]] = depth[i] + 1;
                    depth[tree.Right[i]] = depth[i] + 1;
                }
            }

            if (depths[t] > MaxDepth)
            {
                return null;
            }
        }

        var entries = new int[trees];
        var leafStarts = new int[trees];
        var wordStarts = new int[trees];
        long entryCount = 0, leafCount = 0, wordCount = 0;
        for (var t = 0; t < trees; t++)
        {
            entries[t] = checked((int)entryCount);
            leafStarts[t] = checked((int)leafCount);
            wordStarts[t] = checked((int)wordCount);
            var categorical = false;
            for (var i = 0; i < body.Trees[t].Feature.Length; i++)
            {
                categorical |= body.Trees[t].Feature[i] >= 0 && body.Features[body.Trees[t].Feature[i]].Kind == ColumnKind.Categorical;
            }

            for (var level = 0; level < depths[t]; level++)
            {
                entryCount += LevelSize(level);
                wordCount += categorical ? WordLevelSize(level) : 0;
            }

            leafCount += 1 << depths[t];
        }

        if (entryCount > int.MaxValue / 2 || leafCount > int.MaxValue / 2 || wordCount > int.MaxValue / 2)
        {
            return null;
        }

        // Unused slots (below a leaf, or never reached) are pass-through nodes: the constant cell (0) is below +infinity,
        // so they always go left, and a leaf at depth d lands at position p * 2^(depth - d) of the last level.
        var constant = 2 * body.Features.Count * BlockRows;
        var thresholdBuffer = new AlignedBuffer<float>((int)entryCount);
        var thresholds = thresholdBuffer.Span;
        thresholds.Fill(float.PositiveInfinity);
        var cellBuffer = new AlignedBuffer<int>((int)entryCount);
        var cells = cellBuffer.Span;
        cells.Fill(constant);
        var wordBuffer = new AlignedBuffer<int>((int)wordCount);
        var words = wordBuffer.Span; // numeric and pass-through slots keep empty sets
        var leafBuffer = new AlignedBuffer<double>((int)leafCount);
        var leaves = leafBuffer.Span;
        var categoricalLevels = new int[trees];
        var outputs = new int[trees];
        for (var t = 0; t < trees; t++)
        {
            var tree = body.Trees[t];
            var depth = nodeDepths[t];
            var position = new int[tree.Feature.Length];
            var levelStarts = new int[depths[t] + 1];
            var wordLevelStarts = new int[depths[t] + 1];
            for (var level = 0; level < depths[t]; level++)
            {
                levelStarts[level + 1] = levelStarts[level] + LevelSize(level);
                wordLevelStarts[level + 1] = wordLevelStarts[level] + WordLevelSize(level);
            }

            outputs[t] = t % body.TreesPerRound;
            for (var i = 0; i < tree.Feature.Length; i++)
            {
                var level = depth[i];
                var feature = tree.Feature[i];
                if (feature < 0)
                {
                    leaves[leafStarts[t] + (position[i] << (depths[t] - level))] = tree.Value[i];
                    continue;
                }

                position[tree.Left[i]] = 2 * position[i];
                position[tree.Right[i]] = (2 * position[i]) + 1;
                var slot = entries[t] + levelStarts[level] + position[i];
                var missingLeft = tree.MissingLeft[i];
                if (body.Features[feature].Kind == ColumnKind.Categorical)
                {
                    var set = tree.CategoryBits.AsSpan(tree.ThresholdBin[i] * GbdtTree.CategoryWords, GbdtTree.CategoryWords).ToArray();
                    var missingBit = 1u << (GbdtFeature.MissingBin & 31);
                    set[GbdtFeature.MissingBin >> 5] = missingLeft ? set[GbdtFeature.MissingBin >> 5] | missingBit : set[GbdtFeature.MissingBin >> 5] & ~missingBit;
                    MemoryMarshal.Cast<uint, int>(set).CopyTo(words[(wordStarts[t] + wordLevelStarts[level] + (position[i] * GbdtTree.CategoryWords))..]);

                    // A category cell holds its bin as the bits of a tiny positive float, above -infinity: the numeric
                    // test always says right, and the set decides.
                    thresholds[slot] = float.NegativeInfinity;
                    cells[slot] = 2 * feature * BlockRows;
                    categoricalLevels[t] |= 1 << level;
                }
                else
                {
                    thresholds[slot] = tree.Threshold[i];
                    cells[slot] = ((2 * feature) + (missingLeft ? 1 : 0)) * BlockRows;
                }
            }
        }

        return new VectorForest(thresholdBuffer, cellBuffer, wordBuffer, wordStarts, leafBuffer, entries, leafStarts, depths, categoricalLevels, outputs, body.Features);
    }

    /// <summary>
    /// Copies <paramref name="count"/> (at most <see cref="BlockRows"/>) raw rows of <see cref="GbdtModel"/>'s dense form
    /// (one float per input; NaN is missing) into a block of <see cref="BlockCells"/> floats, cell by cell: input f fills
    /// cells 2f (the number as it is) and 2f+1 (NaN as -infinity), a category its bin's bits in both (255 when missing or
    /// out of range), and the last cell is 0. Rows past <paramref name="count"/> keep whatever they held.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Prepare(ReadOnlySpan<float> rows, int count, AlignedBuffer<float> cells)
    {
        var inputs = _inputs;
        rows = rows[..(count * inputs)];
        var block = cells.Span[..BlockCells];
        var whole = count / Lanes * Lanes;

        // Bounds: the gathers read rows below whole <= count, inputs below _inputs, so inside rows; the stores write
        // rows below BlockRows of cells below 2 * inputs + 1, inside the block (sliced above).
        fixed (float* raw = rows)
        fixed (float* target = block)
        {
            var stride = Vector512<int>.Indices * Vector512.Create(inputs);
            for (var f = 0; f < inputs; f++)
            {
                var plain = target + (2 * f * BlockRows);
                var missingLeft = plain + BlockRows;
                var categorical = _categorical[f];
                for (var r = 0; r < whole; r += Lanes)
                {
                    var x = Gather(raw + (r * inputs) + f, stride);
                    if (categorical)
                    {
                        var inRange = Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero) & Vector512.LessThan(x, Vector512.Create((float)GbdtFeature.MissingBin));
                        var bin = Vector512.ConditionalSelect(
                            inRange.AsInt32(), Avx512F.ConvertToVector512Int32WithTruncation(x), Vector512.Create(GbdtFeature.MissingBin)).AsSingle();
                        Vector512.Store(bin, plain + r);
                        Vector512.Store(bin, missingLeft + r);
                    }
                    else
                    {
                        Vector512.Store(x, plain + r);
                        Vector512.Store(Vector512.ConditionalSelect(Vector512.Equals(x, x), x, Vector512.Create(float.NegativeInfinity)), missingLeft + r);
                    }
                }
            }
        }

        for (var f = 0; f < inputs; f++)
        {
            var plain = block.Slice(2 * f * BlockRows, count);
            var missingLeft = block.Slice(((2 * f) + 1) * BlockRows, count);
            for (var r = whole; r < count; r++)
            {
                var x = rows[(r * inputs) + f];
                plain[r] = x;
                missingLeft[r] = float.IsNaN(x) ? float.NegativeInfinity : x;
                if (_categorical[f])
                {
                    plain[r] = missingLeft[r] = BitConverter.Int32BitsToSingle(x >= 0 && x < GbdtFeature.MissingBin ? (int)x : GbdtFeature.MissingBin);
                }
            }
        }

        block.Slice(2 * inputs * BlockRows, BlockRows).Clear();
    }

    /// <summary>
    /// Adds every tree's leaf value, in tree order, to the margins of a prepared block's rows. Margins are output-major:
    /// output o of row r at <c>o * BlockRows + r</c>. All <see cref="BlockRows"/> rows are walked (rows past the
    /// prepared ones hold stale but harmless cells) and all their margins change.
    /// </summary>
    /// <exception cref="ArgumentException">When the block or the margins are too short.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void AddBlock(AlignedBuffer<float> block, AlignedBuffer<double> margins)
    {
        if (block.Length < BlockCells || margins.Length < _outputCount * BlockRows)
        {
            throw new ArgumentException("The block or its margins are shorter than the forest's layout needs.");
        }

        // Bounds by construction, so the gathers below read inside these pinned arrays: a position at level L is below
        // 2^L (it starts at 0 and becomes 2p or 2p + 1), each level holds max(16, 2^L) slots and each tree 2^depth
        // leaves; cell offsets are (cell * BlockRows) with cell < 2 * inputs + 1, plus a row below BlockRows, and the
        // block holds BlockCells floats (checked above); a categorical level holds max(16, 8 * 2^L) set words, read at
        // 8p + ((bits >> 5) & 7), and only trees with a categorical level read theirs; outputs are below the margin rows
        // (checked above).
        fixed (float* thresholds = _thresholds.Span)
        fixed (int* cells = _cells.Span)
        fixed (int* words = _words.Span)
        fixed (double* leaves = _leaves.Span)
        fixed (float* rows = block.Span)
        fixed (double* sums = margins.Span)
        {
            var lanes = Vector512<int>.Indices;
            for (var t = 0; t < _depths.Length; t++)
            {
                var depth = _depths[t];
                var entry = _entries[t];
                var categorical = _categoricalLevels[t];
                var leafBase = leaves + _leafStarts[t];
                var output = sums + (_outputs[t] * BlockRows);
                // The block's four vectors of rows walk side by side: independent chains that hide the gathers'
                // latency (four measured faster than two or eight, whose 128-row block crowds the L1 cache).
                Vector512<int> p0 = default, p1 = default, p2 = default, p3 = default;
                var t0 = thresholds + entry;
                var c0 = cells + entry;
                var w0 = words + _wordStarts[t];
                for (var level = 0; level < depth; level++)
                {
                    var isCategorical = ((categorical >> level) & 1) != 0;
                    p0 = Step(t0, c0, w0, rows, lanes, level, isCategorical, p0);
                    p1 = Step(t0, c0, w0, rows, lanes + Vector512.Create(Lanes), level, isCategorical, p1);
                    p2 = Step(t0, c0, w0, rows, lanes + Vector512.Create(2 * Lanes), level, isCategorical, p2);
                    p3 = Step(t0, c0, w0, rows, lanes + Vector512.Create(3 * Lanes), level, isCategorical, p3);
                    var size = LevelSize(level);
                    t0 += size;
                    c0 += size;
                    w0 += WordLevelSize(level);
                }

                AddLeaves(leafBase, p0, output);
                AddLeaves(leafBase, p1, output + Lanes);
                AddLeaves(leafBase, p2, output + (2 * Lanes));
                AddLeaves(leafBase, p3, output + (3 * Lanes));
            }
        }
    }

    /// <summary>Adds the leaf values 16 rows reached to their margins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddLeaves(double* leaves, Vector512<int> position, double* target)
    {
        var lower = position.GetLower();
        var upper = position.GetUpper();
        Vector256.Store(Vector256.Load(target) + Avx2.GatherVector256(leaves, lower.GetLower(), 8), target);
        Vector256.Store(Vector256.Load(target + 4) + Avx2.GatherVector256(leaves, lower.GetUpper(), 8), target + 4);
        Vector256.Store(Vector256.Load(target + 8) + Avx2.GatherVector256(leaves, upper.GetLower(), 8), target + 8);
        Vector256.Store(Vector256.Load(target + 12) + Avx2.GatherVector256(leaves, upper.GetUpper(), 8), target + 12);
    }

    /// <summary>One level of one tree for 16 rows: their next positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<int> Step(
        float* thresholds, int* cells, int* words, float* rows, Vector512<int> row, int level, bool categorical, Vector512<int> position)
    {
        var threshold = Fetch(thresholds, level, position);
        var x = Cells(cells, rows, row, level, position);

        // Numeric: right unless x <= threshold (NaN fails it; the cell already sends missing values the node's way).
        var right = ~Vector512.LessThanOrEqual(x, threshold).AsInt32();
        if (categorical)
        {
            // Categorical: the threshold is -infinity (always right) unless the bin's bit is set; numeric nodes of the
            // level read the empty set 0, their cell's bits masked into range.
            var bits = x.AsInt32();
            var word = Words(words, level, (position << 3) + ((bits >>> 5) & Vector512.Create(GbdtTree.CategoryWords - 1)));
            var bit = Avx512F.ShiftRightLogicalVariable(word.AsUInt32(), (bits & Vector512.Create(31)).AsUInt32()).AsInt32() & Vector512<int>.One;
            right &= bit - Vector512<int>.One;
        }

        return position + position - right;
    }

    /// <summary>
    /// The cells 16 rows read at their nodes of a level. The first levels have one, two or four nodes: their rows' cells
    /// are loaded whole (consecutive rows of a cell are adjacent) and picked by position; deeper levels gather.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Cells(int* cells, float* rows, Vector512<int> row, int level, Vector512<int> position)
    {
        var first = rows + row.ToScalar();
        switch (level)
        {
            case 0:
                return Vector512.Load(first + cells[0]);
            case 1:
                return Vector512.ConditionalSelect(
                    Vector512.Equals(position, Vector512<int>.Zero).AsSingle(), Vector512.Load(first + cells[0]), Vector512.Load(first + cells[1]));
            case 2:
                var even = Vector512.Equals(position & Vector512<int>.One, Vector512<int>.Zero).AsSingle();
                var low = Vector512.ConditionalSelect(even, Vector512.Load(first + cells[0]), Vector512.Load(first + cells[1]));
                var high = Vector512.ConditionalSelect(even, Vector512.Load(first + cells[2]), Vector512.Load(first + cells[3]));
                return Vector512.ConditionalSelect(Vector512.LessThan(position, Vector512.Create(2)).AsSingle(), low, high);
            default:
                return Gather(rows, Fetch(cells, level, position) + row);
        }
    }

    /// <summary>
    /// The set words at 16 indices (position * 8 + word) of a level: levels of up to 8 nodes (64 words) by permutes,
    /// deeper ones by gathers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<int> Words(int* level, int depth, Vector512<int> index)
    {
        switch (depth)
        {
            case 0:
            case 1:
                return Avx512F.PermuteVar16x32(Vector512.Load(level), index);
            case 2:
                return Avx512F.PermuteVar16x32x2(Vector512.Load(level), index, Vector512.Load(level + 16));
            case 3:
                var low = Avx512F.PermuteVar16x32x2(Vector512.Load(level), index, Vector512.Load(level + 16));
                var high = Avx512F.PermuteVar16x32x2(Vector512.Load(level + 32), index, Vector512.Load(level + 48));
                return Vector512.ConditionalSelect(Vector512.LessThan(index, Vector512.Create(32)), low, high);
            default:
                return Gather(level, index);
        }
    }

    /// <summary>A level's field for 16 positions: levels of up to 32 slots by permutes, deeper ones by gathers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<int> Fetch(int* level, int depth, Vector512<int> position) => depth switch
    {
        < 5 => Avx512F.PermuteVar16x32(Vector512.Load(level), position),
        5 => Avx512F.PermuteVar16x32x2(Vector512.Load(level), position, Vector512.Load(level + Lanes)),
        _ => Gather(level, position),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Fetch(float* level, int depth, Vector512<int> position) => depth switch
    {
        < 5 => Avx512F.PermuteVar16x32(Vector512.Load(level), position),
        5 => Avx512F.PermuteVar16x32x2(Vector512.Load(level), position, Vector512.Load(level + Lanes)),
        _ => Gather(level, position),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<int> Gather(int* table, Vector512<int> index) =>
        Vector512.Create(Avx2.GatherVector256(table, index.GetLower(), 4), Avx2.GatherVector256(table, index.GetUpper(), 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Gather(float* table, Vector512<int> index) =>
        Vector512.Create(Avx2.GatherVector256(table, index.GetLower(), 4), Avx2.GatherVector256(table, index.GetUpper(), 4));

    /// <summary>Slots of a level: 2^level, at least one vector's worth so permuted levels load whole vectors.</summary>
    private static int LevelSize(int level) => Math.Max(Lanes, 1 << level);

    /// <summary>Set words of a level: 8 per slot, at least one vector's worth.</summary>
    private static int WordLevelSize(int level) => Math.Max(Lanes, GbdtTree.CategoryWords << level);
}
