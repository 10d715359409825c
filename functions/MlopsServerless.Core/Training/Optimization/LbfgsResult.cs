namespace MlopsServerless.Core.Training.Optimization;

/// <summary>Where <see cref="Lbfgs"/> stopped: the point, its value, the iterations used and whether the gradient
/// tolerance was met (false when the iteration limit or a stalled line search stopped it).</summary>
public sealed record LbfgsResult(double[] Solution, double Value, int Iterations, bool Converged);
