namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// The saved state of a <see cref="GbdtModel"/>: the binning of every input (in signature order), the starting score
/// per output, and the trees in boosting order; tree <c>t</c> adds to output <c>t % TreesPerRound</c>.
/// </summary>
public sealed record GbdtBody(
    IReadOnlyList<GbdtFeature> Features,
    double[] BaseScores,
    int TreesPerRound,
    IReadOnlyList<GbdtTree> Trees);
