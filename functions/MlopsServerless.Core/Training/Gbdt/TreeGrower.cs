using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// Grows one tree best-first on binned data: the open leaf with the largest gain splits next, until no leaf can split or
/// the leaf budget (<see cref="GbdtSettings.MaxLeaves"/>) is spent, so with a budget and a deeper depth cap it grows
/// leaf-wise as LightGBM does, and without one it grows every leaf to <see cref="GbdtSettings.MaxDepth"/>.
/// Deterministic whatever the thread count: histograms are shared between threads by input (every bin summed over the
/// node's rows in row order), partitions by row chunks that are concatenated in order (the sequential result), the
/// root's sums by blocks fixed by the row count, and every choice is made in a fixed order.
/// </summary>
internal sealed class TreeGrower
{
    private const int BinsPerFeature = 256;
    private const int RowsPerTransposeBlock = 1 << 15;
    private const int RowsPerSumBlock = 1 << 16;

    // Numeric bins are scanned in bin order: one shared 0..255 instead of a new array per input and leaf.
    private static readonly int[] BinOrder = Enumerable.Range(0, BinsPerFeature).ToArray();

    private readonly BinnedMatrix _matrix;
    private readonly GbdtFeature[] _features;
    private readonly bool[] _categorical;
    private readonly GbdtSettings _settings;
    private readonly ParallelOptions _parallel;
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly byte[] _byRow;
    private readonly GradientPair[] _pairs;
    private readonly Stack<HistogramBin[]> _pool = new();
    private readonly TreeBuilder _tree = new();
    private int[] _active = [];

    public TreeGrower(BinnedMatrix matrix, IReadOnlyList<GbdtFeature> features, GbdtSettings settings)
    {
        _matrix = matrix;
        _features = [.. features];
        _categorical = _features.Select(f => f.Kind == ColumnKind.Categorical).ToArray();
        _settings = settings;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Threads };
        _rows = new int[matrix.Rows];
        _scratch = new int[matrix.Rows];
        _byRow = ByRow(matrix, settings.Threads);
        _pairs = new GradientPair[matrix.Rows];
    }

    /// <summary>The binned matrix transposed: row r's bins are bytes [r * features, (r + 1) * features).</summary>
    private static byte[] ByRow(BinnedMatrix matrix, int threads)
    {
        var rows = matrix.Rows;
        var width = matrix.Features;
        var byRow = new byte[(long)rows * width];
        var blocks = (rows + RowsPerTransposeBlock - 1) / RowsPerTransposeBlock;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
        {
            var end = Math.Min(rows, (b + 1) * RowsPerTransposeBlock);
            for (var f = 0; f < width; f++)
            {
                var column = matrix.Data.AsSpan(f * rows, rows);
                for (var r = b * RowsPerTransposeBlock; r < end; r++)
                {
                    byRow[((long)r * width) + f] = column[r];
                }
            }
        });
        return byRow;
    }

    /// <summary>The row indices the next tree is grown on (fill the first rowCount); reordered into leaves by Grow.</summary>
    public int[] Rows => _rows;

    /// <summary>Grows a tree on rows [0, rowCount) of <see cref="Rows"/> using only <paramref name="activeFeatures"/>.</summary>
    public (GbdtTree Tree, List<LeafRange> Leaves) Grow(float[] gradients, float[] hessians, int rowCount, int[] activeFeatures)
    {
        _active = activeFeatures;
        _tree.Clear();

        // The histograms read each row's pair in one load; only the rows this tree is grown on need one. The root's
        // sums are taken in blocks whose bounds depend on the row count only, added in block order: the same on any
        // thread count (this loop was the largest part of a tree left on one thread).
        var blocks = (rowCount + RowsPerSumBlock - 1) / RowsPerSumBlock;
        var sums = new (double G, double H)[blocks];
        Parallel.For(0, blocks, _parallel, b =>
        {
            double blockG = 0, blockH = 0;
            foreach (var r in _rows.AsSpan(b * RowsPerSumBlock, Math.Min(RowsPerSumBlock, rowCount - (b * RowsPerSumBlock))))
            {
                _pairs[r] = new GradientPair { G = gradients[r], H = hessians[r] };
                blockG += gradients[r];
                blockH += hessians[r];
            }

            sums[b] = (blockG, blockH);
        });
        double g = 0, h = 0;
        foreach (var sum in sums)
        {
            g += sum.G;
            h += sum.H;
        }

        var root = new OpenLeaf(_tree.AddNode(), 0, rowCount, g, h, 0);
        if (CanSplit(root))
        {
            root.Histogram = Rent();
            SumAndSearch(root, null);
        }

        var open = new List<OpenLeaf> { root };
        while (_settings.MaxLeaves == 0 || open.Count < _settings.MaxLeaves)
        {
            OpenLeaf? chosen = null;
            foreach (var leaf in open)
            {
                if (leaf.Best is not null && (chosen is null || leaf.Best.Gain > chosen.Best!.Gain))
                {
                    chosen = leaf;
                }
            }

            if (chosen is null)
            {
                break;
            }

            open.Remove(chosen);
            // The split that spends the leaf budget needs no histograms or splits for its children: none will split.
            var (left, right) = Split(chosen, childrenMaySplit: _settings.MaxLeaves == 0 || open.Count + 2 < _settings.MaxLeaves);
            open.Add(left);
            open.Add(right);
        }

        var leaves = new List<LeafRange>(open.Count);
        foreach (var leaf in open.OrderBy(l => l.Node))
        {
            var value = -leaf.G / (leaf.H + _settings.L2) * _settings.LearningRate;
            _tree.SetLeaf(leaf.Node, value);
            leaves.Add(new LeafRange(leaf.Start, leaf.Count, value));
            Return(leaf);
        }

        return (_tree.Build(), leaves);
    }

    private (OpenLeaf Left, OpenLeaf Right) Split(OpenLeaf parent, bool childrenMaySplit)
    {
        var split = parent.Best!;
        var leftCount = Partition(parent, split);
        var left = new OpenLeaf(_tree.AddNode(), parent.Start, leftCount, split.LeftG, split.LeftH, parent.Depth + 1);
        var right = new OpenLeaf(_tree.AddNode(), parent.Start + leftCount, parent.Count - leftCount, parent.G - split.LeftG, parent.H - split.LeftH, parent.Depth + 1);
        var threshold = _categorical[split.Feature] ? 0f
            : split.ThresholdBin < _features[split.Feature].Edges.Length ? _features[split.Feature].Edges[split.ThresholdBin] : float.PositiveInfinity;
        _tree.SetSplit(parent.Node, split, threshold, left.Node, right.Node);

        if (childrenMaySplit && (CanSplit(left) || CanSplit(right)))
        {
            // Histogram subtraction: sum the smaller child, derive the larger from the parent's histogram.
            var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
            small.Histogram = Rent();
            large.Histogram = parent.Histogram;
            parent.Histogram = null;
            SumAndSearch(small, large);
            foreach (var child in new[] { left, right })
            {
                if (child.Best is null)
                {
                    Return(child);
                }
            }
        }

        Return(parent);
        return (left, right);
    }

    private bool CanSplit(OpenLeaf leaf) =>
        leaf.Depth < _settings.MaxDepth && leaf.Count >= 2 * _settings.MinSamplesLeaf && leaf.H >= 2 * _settings.MinChildWeight;

    /// <summary>
    /// Stable partition of the leaf's rows into left then right. Large leaves are cut into one chunk per thread, each
    /// partitioned in parallel, and the chunks concatenated in order, which gives exactly the sequential result.
    /// </summary>
    private int Partition(OpenLeaf leaf, SplitCandidate split)
    {
        // At least MinRowsPerPartitionChunk rows a chunk, so every chunk starts inside the leaf whatever the thread count.
        var chunks = Math.Clamp(leaf.Count / MinRowsPerPartitionChunk, 1, _settings.Threads);
        var chunkRows = (leaf.Count + chunks - 1) / chunks;
        var counts = new int[chunks];

        // Which side each bin goes to, missing bin included: one table lookup per row instead of a test per kind.
        var sides = new byte[BinsPerFeature];
        for (var bin = 0; bin < BinsPerFeature; bin++)
        {
            var goesLeft = bin == GbdtFeature.MissingBin ? split.MissingLeft
                : split.Categories is { } categories ? (categories[bin >> 5] & (1u << (bin & 31))) != 0
                : bin <= split.ThresholdBin;
            sides[bin] = goesLeft ? (byte)1 : (byte)0;
        }

        if (chunks == 1)
        {
            counts[0] = PartitionChunk(leaf.Start, leaf.Count, split.Feature, sides);
        }
        else
        {
            Parallel.For(0, chunks, _parallel, c =>
            {
                var from = c * chunkRows;
                counts[c] = PartitionChunk(leaf.Start + from, Math.Min(chunkRows, leaf.Count - from), split.Feature, sides);
            });
        }

        var target = leaf.Start + counts[0];
        for (var c = 1; c < chunks; c++)
        {
            _rows.AsSpan(leaf.Start + (c * chunkRows), counts[c]).CopyTo(_rows.AsSpan(target));
            target += counts[c];
        }

        for (var c = 0; c < chunks; c++)
        {
            var from = leaf.Start + (c * chunkRows);
            var length = Math.Min(chunkRows, leaf.Start + leaf.Count - from);
            _scratch.AsSpan(from, length - counts[c]).CopyTo(_rows.AsSpan(target));
            target += length - counts[c];
        }

        return counts.Sum();
    }

    // Below this many rows a chunk costs more to start and join on its own thread than it saves.
    private const int MinRowsPerPartitionChunk = 8_192;

    /// <summary>
    /// Moves the left rows of [<paramref name="from"/>, <paramref name="from"/> + <paramref name="length"/>) to its front
    /// (in order) and its right rows to the same place in the scratch; returns the left count.
    /// </summary>
    // Hot loop: compile fully optimized at once instead of starting in unoptimized tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int PartitionChunk(int from, int length, int feature, byte[] sides)
    {
        var column = _matrix.Data.AsSpan(feature * _matrix.Rows, _matrix.Rows);
        var rows = _rows.AsSpan(from, length);
        var scratch = _scratch.AsSpan(from, length);
        ref var side = ref MemoryMarshal.GetArrayDataReference(sides);
        int left = 0, right = 0;

        // Without branches: a split sends rows either way about as often, so "if left" was mispredicted half the time.
        // Each row is written to both places and only the side it goes to advances; a left write never overtakes the
        // read position, so it only overwrites rows already read.
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            int goesLeft = Unsafe.Add(ref side, column[row]);
            rows[left] = row;
            scratch[right] = row;
            left += goesLeft;
            right += 1 - goesLeft;
        }

        return left;
    }

    /// <summary>
    /// Sums <paramref name="summed"/>'s gradient pairs per feature and bin into its histogram, derives
    /// <paramref name="derived"/>'s (when given and it may split: its histogram is still the parent's) by subtraction, and
    /// sets the best split of each that may split. Histograms are read from the row-major copy of the bins (one cache line per row
    /// instead of one per feature; profiled as most of training). Nodes of at least
    /// <see cref="MinRowsPerParallelHistogram"/> rows are shared between threads by feature, not by row: each thread sums
    /// its inputs over every row of the node, in row order, then searches them, so every bin and every choice is the same
    /// whatever the thread count (groups are compared in input order, first best wins as in one pass), and no thread needs
    /// a histogram of its own to merge. Splitting by rows cost a histogram to clear and add per chunk and left nodes under
    /// 64k rows, most of a leaf-wise tree, and every split search on one thread.
    /// </summary>
    private void SumAndSearch(OpenLeaf summed, OpenLeaf? derived)
    {
        var groups = summed.Count < MinRowsPerParallelHistogram ? 1 : Math.Min(_settings.Threads, _active.Length);
        var best = new SplitCandidate?[2 * groups];
        var searchSummed = CanSplit(summed);

        // A derived child that may not split needs no histogram: it stays a leaf, and its histogram goes back to the pool.
        var searchDerived = derived is not null && CanSplit(derived);
        var body = (int k) =>
        {
            var features = _active.AsSpan(_active.Length * k / groups, (_active.Length * (k + 1) / groups) - (_active.Length * k / groups));
            foreach (var feature in features)
            {
                summed.Histogram!.AsSpan(feature * BinsPerFeature, BinsPerFeature).Clear();
            }

            BuildFeatures(summed.Histogram!, summed.Start, summed.Count, features);
            best[2 * k] = searchSummed ? FindBestSplit(summed, features) : null;
            if (searchDerived)
            {
                Subtract(derived!.Histogram!, summed.Histogram!, features);
                best[(2 * k) + 1] = FindBestSplit(derived, features);
            }
        };
        if (groups == 1)
        {
            body(0);
        }
        else
        {
            Parallel.For(0, groups, _parallel, body);
        }

        summed.Best = First(best, 0);
        if (derived is not null)
        {
            derived.Best = First(best, 1);
        }

        static SplitCandidate? First(SplitCandidate?[] best, int offset)
        {
            SplitCandidate? first = null;
            for (var i = offset; i < best.Length; i += 2)
            {
                if (best[i] is { } candidate && (first is null || candidate.Gain > first.Gain))
                {
                    first = candidate;
                }
            }

            return first;
        }
    }

    // Below this many rows a second thread costs more to start and join than it saves.
    private const int MinRowsPerParallelHistogram = 2048;

    /// <summary>Adds rows [start, start + count) of <see cref="Rows"/> into the (cleared) bins of <paramref name="features"/>.</summary>
    // Hot loop: compile fully optimized at once instead of starting in unoptimized tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildFeatures(HistogramBin[] histogram, int start, int count, ReadOnlySpan<int> features)
    {
        var width = _matrix.Features;
        ref var data = ref MemoryMarshal.GetArrayDataReference(_byRow);
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(_pairs);
        ref var row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), start);

        // Active inputs are sorted; a run of consecutive ones (all of them, without colsample) needs no index lookups.
        var first = features[0];
        var contiguous = features[^1] - first + 1 == features.Length;
        ref var bin0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(histogram), first * BinsPerFeature);
        ref var feature0 = ref MemoryMarshal.GetReference(features);

        // Below the root a leaf's rows are an increasing but gappy subset: each row's bins and gradients are a cache
        // miss the hardware prefetcher cannot predict, so fetch them a few rows ahead (LightGBM does the same).
        var prefetched = Sse.IsSupported ? Math.Max(0, count - PrefetchDistance) : 0;
        var i = 0;
        for (; i < prefetched; i++)
        {
            Prefetch(ref data, ref pairs, Unsafe.Add(ref row, i + PrefetchDistance), width);
            AddRow(ref bin0, ref Unsafe.Add(ref data, first), ref pairs, Unsafe.Add(ref row, i), width, contiguous, ref feature0, features.Length, first);
        }

        for (; i < count; i++)
        {
            AddRow(ref bin0, ref Unsafe.Add(ref data, first), ref pairs, Unsafe.Add(ref row, i), width, contiguous, ref feature0, features.Length, first);
        }
    }

    // Rows ahead whose bins and gradients are prefetched: about as many as the loop has misses in flight.
    private const int PrefetchDistance = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref byte data, ref GradientPair pairs, int r, int width)
    {
        ref var bins = ref Unsafe.Add(ref data, (nint)r * width);
        Sse.Prefetch0(Unsafe.AsPointer(ref bins));
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref bins, width - 1)));
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref pairs, r)));
    }

    /// <summary>
    /// Adds row <paramref name="r"/> to the bins of <paramref name="count"/> features: consecutive ones from
    /// <paramref name="bin0"/> (the first feature's bins) and <paramref name="data"/> (its byte in row 0) when
    /// <paramref name="contiguous"/>, else those listed at <paramref name="features"/> (offsets from <paramref name="first"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(
        ref HistogramBin bin0, ref byte data, ref GradientPair pairs, int r, int width, bool contiguous, ref int features, int count, int first)
    {
        // G and H are one 16-byte add (the same two double additions, in fewer loads and stores).
        ref readonly var pair = ref Unsafe.Add(ref pairs, r);
        var sums = Vector128.Create((double)pair.G, pair.H);
        ref var bins = ref Unsafe.Add(ref data, (nint)r * width);
        if (contiguous)
        {
            ref var feature = ref bin0;
            for (var f = 0; f < count; f++, feature = ref Unsafe.Add(ref feature, BinsPerFeature))
            {
                Add(ref Unsafe.Add(ref feature, Unsafe.Add(ref bins, f)), sums);
            }

            return;
        }

        for (var k = 0; k < count; k++)
        {
            var f = Unsafe.Add(ref features, k) - first;
            Add(ref Unsafe.Add(ref bin0, (f * BinsPerFeature) + Unsafe.Add(ref bins, f)), sums);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref HistogramBin bin, Vector128<double> sums)
    {
        ref var pair = ref Unsafe.As<double, Vector128<double>>(ref bin.G);
        pair += sums;
        bin.Count++;
    }

    private static void Subtract(HistogramBin[] large, HistogramBin[] small, ReadOnlySpan<int> features)
    {
        foreach (var feature in features)
        {
            var from = feature * BinsPerFeature;
            for (var i = from; i < from + BinsPerFeature; i++)
            {
                large[i].G -= small[i].G;
                large[i].H -= small[i].H;
                large[i].Count -= small[i].Count;
            }
        }
    }

    private SplitCandidate? FindBestSplit(OpenLeaf leaf, ReadOnlySpan<int> features)
    {
        SplitCandidate? best = null;
        foreach (var feature in features)
        {
            var candidate = _categorical[feature] ? BestCategoricalSplit(leaf, feature) : BestNumericSplit(leaf, feature);
            if (candidate is not null && (best is null || candidate.Gain > best.Gain))
            {
                best = candidate;
            }
        }

        return best;
    }

    private SplitCandidate? BestNumericSplit(OpenLeaf leaf, int feature)
    {
        var bins = leaf.Histogram.AsSpan(feature * BinsPerFeature, BinsPerFeature);
        var (gain, prefix, missingLeft, g, h, count) = ScanOrder(leaf, bins, BinOrder.AsSpan(0, _features[feature].BinCount));
        return prefix < 0 ? null : new SplitCandidate(gain, feature, prefix, missingLeft, null, g, h, count);
    }

    private SplitCandidate? BestCategoricalSplit(OpenLeaf leaf, int feature)
    {
        // Order the levels by their regularised mean gradient; the best subset split is then a prefix (Fisher, LightGBM).
        var bins = leaf.Histogram.AsSpan(feature * BinsPerFeature, BinsPerFeature);
        // On the stack: this runs for every categorical input of every leaf, and a heap array each time was most of
        // what training allocated.
        Span<int> present = stackalloc int[BinsPerFeature];
        var levels = 0;
        var minCount = _settings.MinSamplesPerCategory;
        for (var b = 0; b < _features[feature].BinCount; b++)
        {
            if (bins[b].Count >= minCount)
            {
                present[levels++] = b;
            }
        }

        var order = present[..levels];
        Span<double> keys = stackalloc double[levels];
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = bins[order[i]].G / (bins[order[i]].H + _settings.CategorySmoothing);
        }

        keys.Sort(order);
        var (gain, prefix, missingLeft, g, h, count) = ScanOrder(leaf, bins, order);
        if (prefix < 0)
        {
            return null;
        }

        var categories = new uint[GbdtTree.CategoryWords];
        for (var i = 0; i <= prefix; i++)
        {
            categories[order[i] >> 5] |= 1u << (order[i] & 31);
        }

        return new SplitCandidate(gain, feature, 0, missingLeft, categories, g, h, count);
    }

    /// <summary>
    /// Tries every prefix of <paramref name="order"/> as the left side, with missing values left and then right.
    /// Returns the best gain and the last prefix position (-1 when no split is allowed).
    /// </summary>
    // Hot loop: compile fully optimized at once instead of starting in unoptimized tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double Gain, int Prefix, bool MissingLeft, double G, double H, int Count) ScanOrder(
        OpenLeaf leaf, ReadOnlySpan<HistogramBin> bins, ReadOnlySpan<int> order)
    {
        var l2 = _settings.L2;
        var minCount = _settings.MinSamplesLeaf;
        var minWeight = _settings.MinChildWeight;
        var parentScore = leaf.G * leaf.G / (leaf.H + l2);
        var missing = bins[GbdtFeature.MissingBin];
        (double Gain, int Prefix, bool MissingLeft, double G, double H, int Count) best = (0, -1, false, 0, 0, 0);
        for (var pass = 0; pass < 2; pass++)
        {
            var missingLeft = pass == 1;
            if (missingLeft && missing.Count == 0)
            {
                break;
            }

            double gl = missingLeft ? missing.G : 0, hl = missingLeft ? missing.H : 0;
            var cl = missingLeft ? missing.Count : 0;
            for (var i = 0; i < order.Length; i++)
            {
                ref readonly var bin = ref bins[order[i]];
                gl += bin.G;
                hl += bin.H;
                cl += bin.Count;
                if (i == order.Length - 1 && (missingLeft || missing.Count == 0))
                {
                    break;
                }

                var cr = leaf.Count - cl;
                if (cr < minCount)
                {
                    break;
                }

                var hr = leaf.H - hl;
                if (cl < minCount || hl < minWeight || hr < minWeight)
                {
                    continue;
                }

                var gr = leaf.G - gl;
                var gain = (gl * gl / (hl + l2)) + (gr * gr / (hr + l2)) - parentScore;
                if (gain > best.Gain)
                {
                    best = (gain, i, missingLeft, gl, hl, cl);
                }
            }
        }

        return best;
    }

    private HistogramBin[] Rent() => _pool.Count > 0 ? _pool.Pop() : new HistogramBin[_features.Length * BinsPerFeature];

    private void Return(OpenLeaf leaf)
    {
        if (leaf.Histogram is not null)
        {
            _pool.Push(leaf.Histogram);
            leaf.Histogram = null;
        }
    }
}
