namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>Collects a tree's nodes while it grows and freezes them into a <see cref="GbdtTree"/>.</summary>
internal sealed class TreeBuilder
{
    private readonly List<int> _feature = [];
    private readonly List<int> _thresholdBin = [];
    private readonly List<float> _threshold = [];
    private readonly List<bool> _missingLeft = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double> _value = [];
    private readonly List<uint> _categoryBits = [];

    public void Clear()
    {
        _feature.Clear();
        _thresholdBin.Clear();
        _threshold.Clear();
        _missingLeft.Clear();
        _left.Clear();
        _right.Clear();
        _value.Clear();
        _categoryBits.Clear();
    }

    /// <summary>Adds a node (a leaf with value 0 until set) and returns its index.</summary>
    public int AddNode()
    {
        _feature.Add(-1);
        _thresholdBin.Add(0);
        _threshold.Add(0);
        _missingLeft.Add(false);
        _left.Add(-1);
        _right.Add(-1);
        _value.Add(0);
        return _feature.Count - 1;
    }

    public void SetSplit(int node, SplitCandidate split, float threshold, int left, int right)
    {
        _feature[node] = split.Feature;
        _missingLeft[node] = split.MissingLeft;
        _left[node] = left;
        _right[node] = right;
        _threshold[node] = threshold;
        if (split.Categories is null)
        {
            _thresholdBin[node] = split.ThresholdBin;
        }
        else
        {
            _thresholdBin[node] = _categoryBits.Count / GbdtTree.CategoryWords;
            _categoryBits.AddRange(split.Categories);
        }
    }

    public void SetLeaf(int node, double value) => _value[node] = value;

    public GbdtTree Build() => new(
        [.. _feature], [.. _thresholdBin], [.. _threshold], [.. _missingLeft], [.. _left], [.. _right], [.. _value], [.. _categoryBits]);
}
