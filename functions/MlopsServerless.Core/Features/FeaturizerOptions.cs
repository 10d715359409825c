using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Features;

/// <summary>How a <see cref="Featurizer"/> is fitted.</summary>
/// <param name="MissingIndicators">Adds a 0/1 "was missing" column for every input that had missing values in the
/// training data. Defaults to false.</param>
/// <param name="MaxLevels">At most this many levels of a categorical column get their own one-hot column (the most
/// frequent ones); the rest are pooled into the "other" bucket. Defaults to 50.</param>
/// <param name="MinFrequency">A level seen fewer times than this in the training data is pooled into "other".
/// Defaults to 1 (every level seen is kept, up to <paramref name="MaxLevels"/>).</param>
public sealed record FeaturizerOptions(bool MissingIndicators = false, int MaxLevels = 50, int MinFrequency = 1)
{
    /// <summary>The featurizer parameters every linear trainer accepts: <c>missing_indicators</c>,
    /// <c>max_levels</c> (1 to 10000) and <c>min_frequency</c> (1 to 1000000).</summary>
    /// <exception cref="Errors.MlopsException">InvalidArgument when a value is malformed or out of range.</exception>
    public static FeaturizerOptions Read(TrainingParameters parameters) => new(
        parameters.Bool("missing_indicators", false),
        parameters.Int("max_levels", 50, 1, 10_000),
        parameters.Int("min_frequency", 1, 1, 1_000_000));
}
