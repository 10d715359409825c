namespace MlopsServerless.Core.Pipeline;

/// <summary>Row indices of each part of a split, ascending.</summary>
public sealed record SplitRows(int[] Train, int[] Validation, int[] Test);
