namespace MlopsServerless.Core.Training.Optimization;

/// <summary>A smooth function to minimize: its value and gradient at a point.</summary>
public interface IDifferentiableFunction
{
    /// <summary>The number of parameters.</summary>
    int Dimension { get; }

    /// <summary>Returns f(<paramref name="x"/>) and writes its gradient into <paramref name="gradient"/>.</summary>
    double Evaluate(ReadOnlySpan<double> x, Span<double> gradient);
}
