namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>The best way found to split a node: what goes left, its sums, and the gain over not splitting.</summary>
internal sealed record SplitCandidate(
    double Gain,
    int Feature,
    int ThresholdBin,
    bool MissingLeft,
    uint[]? Categories,
    double LeftG,
    double LeftH,
    int LeftCount);
