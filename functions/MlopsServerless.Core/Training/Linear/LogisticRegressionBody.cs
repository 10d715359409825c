using MlopsServerless.Core.Features;

namespace MlopsServerless.Core.Training.Linear;

/// <summary>
/// The saved state of a logistic regression: the featurizer, and per output (1 for binary, one per class for
/// multiclass) a row of <see cref="Coefficients"/> (row-major, <c>Outputs x FeatureNames.Count</c>, in the order of the
/// featurized column names) and an intercept. <see cref="Iterations"/> counts L-BFGS iterations; <see cref="Converged"/>
/// is false when the iteration limit stopped the optimizer before the gradient tolerance.
/// </summary>
public sealed record LogisticRegressionBody(
    Featurizer Featurizer,
    IReadOnlyList<string> FeatureNames,
    int Outputs,
    double[] Coefficients,
    double[] Intercepts,
    int Iterations,
    bool Converged);
