using MlopsServerless.Core.Training.Optimization;

namespace MlopsServerless.Core.Tests.Training.Optimization;

public sealed class LbfgsTests
{
    private sealed class Rosenbrock : IDifferentiableFunction
    {
        public int Dimension => 2;

        public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
        {
            var a = 1 - x[0];
            var b = x[1] - (x[0] * x[0]);
            gradient[0] = (-2 * a) - (400 * x[0] * b);
            gradient[1] = 200 * b;
            return (a * a) + (100 * b * b);
        }
    }

    [Fact]
    public void Minimize_Rosenbrock_FindsMinimumAtOneOne()
    {
        var result = Lbfgs.Minimize(new Rosenbrock(), [-1.2, 1.0], 1e-10, 1000, 10, CancellationToken.None);

        Assert.True(result.Converged);
        Assert.Equal(1.0, result.Solution[0], 8);
        Assert.Equal(1.0, result.Solution[1], 8);
    }

    [Fact]
    public void Minimize_IterationLimit_ReportsNotConverged()
    {
        var result = Lbfgs.Minimize(new Rosenbrock(), [-1.2, 1.0], 1e-10, 3, 10, CancellationToken.None);

        Assert.False(result.Converged);
        Assert.Equal(3, result.Iterations);
    }

    [Fact]
    public void Minimize_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => Lbfgs.Minimize(new Rosenbrock(), [0, 0], 1e-10, 100, 10, cancelled.Token));
    }
}
