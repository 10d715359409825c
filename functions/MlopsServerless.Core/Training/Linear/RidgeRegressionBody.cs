using MlopsServerless.Core.Features;

namespace MlopsServerless.Core.Training.Linear;

/// <summary>The saved state of a ridge regression: the featurizer, one coefficient per featurized column (in the order
/// of <see cref="FeatureNames"/>) and the intercept.</summary>
public sealed record RidgeRegressionBody(
    Featurizer Featurizer,
    IReadOnlyList<string> FeatureNames,
    double[] Coefficients,
    double Intercept);
