namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>A leaf of a freshly grown tree: its rows are the grower's row indices [Start, Start + Count).</summary>
internal readonly record struct LeafRange(int Start, int Count, double Value);
