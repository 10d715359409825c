using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// Grows one tree best-first on binned data. Deterministic whatever the thread count: threads only split the work by
/// feature (each feature's histogram is summed by one thread in row order), and every choice is made in a fixed order.
/// </summary>
internal sealed class TreeGrower
{
    private const int BinsPerFeature = 256;
    private const int MinRowsPerParallelHistogram = 4096;
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
    private readonly float[] _ordered;
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
        _ordered = new float[2 * matrix.Rows];
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
            var (left, right) = Split(chosen);
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

    private (OpenLeaf Left, OpenLeaf Right) Split(OpenLeaf parent)
    {
        var split = parent.Best!;
        var leftCount = Partition(parent, split);
        var left = new OpenLeaf(_tree.AddNode(), parent.Start, leftCount, split.LeftG, split.LeftH, parent.Depth + 1);
        var right = new OpenLeaf(_tree.AddNode(), parent.Start + leftCount, parent.Count - leftCount, parent.G - split.LeftG, parent.H - split.LeftH, parent.Depth + 1);
        var threshold = _categorical[split.Feature] ? 0f
            : split.ThresholdBin < _features[split.Feature].Edges.Length ? _features[split.Feature].Edges[split.ThresholdBin] : float.PositiveInfinity;
        _tree.SetSplit(parent.Node, split, threshold, left.Node, right.Node);

        if (CanSplit(left) || CanSplit(right))
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

    private void BuildHistogram(HistogramBin[] histogram, int start, int count)
    {
        // Gather the node's gradient pairs once, in row order, so every feature then reads them sequentially.
        var ordered = _ordered.AsSpan(0, 2 * count);
        var rows = _rows.AsSpan(start, count);
        for (var i = 0; i < rows.Length; i++)
        {
            ordered[2 * i] = _g[rows[i]];
            ordered[(2 * i) + 1] = _h[rows[i]];
        }

        if (_settings.Threads == 1 || _active.Length == 1 || count < MinRowsPerParallelHistogram)
        {
            foreach (var feature in _active)
            {
                BuildFeatureHistogram(histogram, feature, start, count);
            }
        }
        else
        {
            Parallel.For(0, _active.Length, _parallel, i => BuildFeatureHistogram(histogram, _active[i], start, count));
        }
    }

    // Hot loop: compile fully optimized at once instead of starting in unoptimized tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildFeatureHistogram(HistogramBin[] histogram, int feature, int start, int count)
    {
        var bins = histogram.AsSpan(feature * BinsPerFeature, BinsPerFeature);
        bins.Clear();
        ref var column = ref MemoryMarshal.GetArrayDataReference(_matrix.Data);
        column = ref Unsafe.Add(ref column, (nint)feature * _matrix.Rows);
        ref var bin0 = ref MemoryMarshal.GetReference(bins);
        ref var pair = ref MemoryMarshal.GetArrayDataReference(_ordered);
        ref var row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), start);
        for (var i = 0; i < count; i++)
        {
            ref var bin = ref Unsafe.Add(ref bin0, Unsafe.Add(ref column, Unsafe.Add(ref row, i)));
            bin.G += Unsafe.Add(ref pair, 2 * i);
            bin.H += Unsafe.Add(ref pair, (2 * i) + 1);
            bin.Count++;
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
        for (var b = 0; b < _features[feature].BinCount; b++)
        {
            if (bins[b].Count > 0)
            {
                present[levels++] = b;
            }
        }

        var order = present[..levels];
        Span<double> keys = stackalloc double[levels];
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = bins[order[i]].G / (bins[order[i]].H + _settings.L2);
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
