using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// Grows one tree best-first on binned data: the open leaf with the largest gain splits next, until no leaf can split or
/// the leaf budget (<see cref="GbdtSettings.MaxLeaves"/>) is spent, so with a budget and a deeper depth cap it grows
/// leaf-wise as LightGBM does, and without one it grows every leaf to <see cref="GbdtSettings.MaxDepth"/>.
/// Deterministic whatever the thread count: threads only split the work by row chunks whose bounds depend on the row
/// count alone (each chunk summed in row order, chunks added in order), and every choice is made in a fixed order.
/// </summary>
internal sealed class TreeGrower
{
    private const int BinsPerFeature = 256;
    private const int MinRowsPerHistogramChunk = 1 << 15;
    private const int MaxHistogramChunks = 16;
    private const int RowsPerPartitionChunk = 1 << 15;

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
    private readonly Stack<HistogramBin[]> _pool = new();
    private readonly TreeBuilder _tree = new();
    private float[] _g = [];
    private float[] _h = [];
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
    }

    /// <summary>The binned matrix transposed: row r's bins are bytes [r * features, (r + 1) * features).</summary>
    private static byte[] ByRow(BinnedMatrix matrix, int threads)
    {
        var rows = matrix.Rows;
        var width = matrix.Features;
        var byRow = new byte[(long)rows * width];
        var blocks = (rows + RowsPerPartitionChunk - 1) / RowsPerPartitionChunk;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
        {
            var end = Math.Min(rows, (b + 1) * RowsPerPartitionChunk);
            for (var f = 0; f < width; f++)
            {
                var column = matrix.Data.AsSpan(f * rows, rows);
                for (var r = b * RowsPerPartitionChunk; r < end; r++)
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
        _g = gradients;
        _h = hessians;
        _active = activeFeatures;
        _tree.Clear();

        double g = 0, h = 0;
        for (var i = 0; i < rowCount; i++)
        {
            g += gradients[_rows[i]];
            h += hessians[_rows[i]];
        }

        var root = new OpenLeaf(_tree.AddNode(), 0, rowCount, g, h, 0);
        if (CanSplit(root))
        {
            root.Histogram = Rent();
            BuildHistogram(root.Histogram, root.Start, root.Count);
            root.Best = FindBestSplit(root);
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
            BuildHistogram(small.Histogram, small.Start, small.Count);
            large.Histogram = parent.Histogram;
            parent.Histogram = null;
            Subtract(large.Histogram!, small.Histogram);
            foreach (var child in new[] { left, right })
            {
                child.Best = CanSplit(child) ? FindBestSplit(child) : null;
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
    /// Stable partition of the leaf's rows into left then right. Chunks are partitioned in parallel and concatenated in
    /// chunk order, which gives exactly the sequential result for any thread count.
    /// </summary>
    private int Partition(OpenLeaf leaf, SplitCandidate split)
    {
        var chunks = (leaf.Count + RowsPerPartitionChunk - 1) / RowsPerPartitionChunk;
        var leftCounts = new int[chunks];
        if (_settings.Threads == 1 || chunks == 1)
        {
            for (var c = 0; c < chunks; c++)
            {
                leftCounts[c] = PartitionChunk(leaf, split, c);
            }
        }
        else
        {
            Parallel.For(0, chunks, _parallel, c => leftCounts[c] = PartitionChunk(leaf, split, c));
        }

        var target = leaf.Start;
        for (var c = 0; c < chunks; c++)
        {
            var from = leaf.Start + (c * RowsPerPartitionChunk);
            _rows.AsSpan(from, leftCounts[c]).CopyTo(_rows.AsSpan(target));
            target += leftCounts[c];
        }

        for (var c = 0; c < chunks; c++)
        {
            var from = leaf.Start + (c * RowsPerPartitionChunk);
            var length = Math.Min(RowsPerPartitionChunk, leaf.Start + leaf.Count - from);
            _scratch.AsSpan(from, length - leftCounts[c]).CopyTo(_rows.AsSpan(target));
            target += length - leftCounts[c];
        }

        return leftCounts.Sum();
    }

    /// <summary>Moves chunk <paramref name="chunk"/>'s left rows to its front (in order) and its right rows to the scratch.</summary>
    // Hot loop: compile fully optimized at once instead of starting in unoptimized tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int PartitionChunk(OpenLeaf leaf, SplitCandidate split, int chunk)
    {
        var from = leaf.Start + (chunk * RowsPerPartitionChunk);
        var length = Math.Min(RowsPerPartitionChunk, leaf.Start + leaf.Count - from);
        var column = _matrix.Data.AsSpan(split.Feature * _matrix.Rows, _matrix.Rows);
        var rows = _rows.AsSpan(from, length);
        var scratch = _scratch.AsSpan(from, length);
        var categories = split.Categories;
        var threshold = split.ThresholdBin;
        var missingLeft = split.MissingLeft;
        int left = 0, right = 0;
        foreach (var row in rows)
        {
            int bin = column[row];
            var goLeft = bin == GbdtFeature.MissingBin ? missingLeft
                : categories is null ? bin <= threshold
                : (categories[bin >> 5] & (1u << (bin & 31))) != 0;
            if (goLeft)
            {
                rows[left++] = row;
            }
            else
            {
                scratch[right++] = row;
            }
        }

        return left;
    }

    /// <summary>
    /// Sums a node's gradient pairs per feature and bin, reading each row's bins from the row-major copy (one cache line
    /// per row instead of one per feature; profiled as most of training). Large nodes are cut into a number of chunks
    /// that depends on the row count only, each summed in row order by one thread into its own histogram, then added in
    /// chunk order: the same sums whatever the thread count.
    /// </summary>
    private void BuildHistogram(HistogramBin[] histogram, int start, int count)
    {
        var chunks = ChunksOf(count);
        if (chunks == 1)
        {
            BuildChunk(histogram, start, count);
            return;
        }

        var parts = new HistogramBin[chunks][];
        parts[0] = histogram;
        for (var c = 1; c < chunks; c++)
        {
            parts[c] = Rent();
        }

        var body = (int c) =>
        {
            var from = (int)((long)count * c / chunks);
            var to = (int)((long)count * (c + 1) / chunks);
            BuildChunk(parts[c], start + from, to - from);
        };
        if (_settings.Threads == 1)
        {
            for (var c = 0; c < chunks; c++)
            {
                body(c);
            }
        }
        else
        {
            Parallel.For(0, chunks, _parallel, body);
        }

        for (var c = 1; c < chunks; c++)
        {
            Add(histogram, parts[c]);
            _pool.Push(parts[c]);
        }
    }

    /// <summary>Chunks a node of <paramref name="count"/> rows is summed in: at least 32k rows each, at most 16.</summary>
    private static int ChunksOf(int count) => Math.Clamp(count / MinRowsPerHistogramChunk, 1, MaxHistogramChunks);

    // Hot loop: compile fully optimized at once instead of starting in unoptimized tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildChunk(HistogramBin[] histogram, int start, int count)
    {
        foreach (var feature in _active)
        {
            histogram.AsSpan(feature * BinsPerFeature, BinsPerFeature).Clear();
        }

        var width = _matrix.Features;
        ref var bin0 = ref MemoryMarshal.GetArrayDataReference(histogram);
        ref var data = ref MemoryMarshal.GetArrayDataReference(_byRow);
        ref var g = ref MemoryMarshal.GetArrayDataReference(_g);
        ref var h = ref MemoryMarshal.GetArrayDataReference(_h);
        ref var row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), start);
        if (_active.Length == width)
        {
            for (var i = 0; i < count; i++)
            {
                var r = Unsafe.Add(ref row, i);
                double gradient = Unsafe.Add(ref g, r), hessian = Unsafe.Add(ref h, r);
                ref var bins = ref Unsafe.Add(ref data, (nint)r * width);
                ref var feature0 = ref bin0;
                for (var f = 0; f < width; f++, feature0 = ref Unsafe.Add(ref feature0, BinsPerFeature))
                {
                    ref var bin = ref Unsafe.Add(ref feature0, Unsafe.Add(ref bins, f));
                    bin.G += gradient;
                    bin.H += hessian;
                    bin.Count++;
                }
            }

            return;
        }

        ref var active = ref MemoryMarshal.GetArrayDataReference(_active);
        for (var i = 0; i < count; i++)
        {
            var r = Unsafe.Add(ref row, i);
            double gradient = Unsafe.Add(ref g, r), hessian = Unsafe.Add(ref h, r);
            ref var bins = ref Unsafe.Add(ref data, (nint)r * width);
            for (var k = 0; k < _active.Length; k++)
            {
                var f = Unsafe.Add(ref active, k);
                ref var bin = ref Unsafe.Add(ref bin0, (f * BinsPerFeature) + Unsafe.Add(ref bins, f));
                bin.G += gradient;
                bin.H += hessian;
                bin.Count++;
            }
        }
    }

    private void Add(HistogramBin[] total, HistogramBin[] part)
    {
        foreach (var feature in _active)
        {
            var from = feature * BinsPerFeature;
            for (var i = from; i < from + BinsPerFeature; i++)
            {
                total[i].G += part[i].G;
                total[i].H += part[i].H;
                total[i].Count += part[i].Count;
            }
        }
    }

    private void Subtract(HistogramBin[] large, HistogramBin[] small)
    {
        foreach (var feature in _active)
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

    private SplitCandidate? FindBestSplit(OpenLeaf leaf)
    {
        SplitCandidate? best = null;
        foreach (var feature in _active)
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
