namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>A leaf still growing: its rows, sums, depth, histogram (kept for the subtraction trick) and best split.</summary>
internal sealed class OpenLeaf(int node, int start, int count, double g, double h, int depth)
{
    public int Node { get; } = node;

    public int Start { get; } = start;

    public int Count { get; } = count;

    public double G { get; } = g;

    public double H { get; } = h;

    public int Depth { get; } = depth;

    public HistogramBin[]? Histogram { get; set; }

    public SplitCandidate? Best { get; set; }
}
