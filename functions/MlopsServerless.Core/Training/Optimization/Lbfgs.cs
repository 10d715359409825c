namespace MlopsServerless.Core.Training.Optimization;

/// <summary>
/// Limited-memory BFGS with a backtracking (Armijo) line search. Single-threaded with a fixed order of every sum, so
/// the same function and start give bit-identical results on every run.
/// </summary>
public static class Lbfgs
{
    /// <summary>Minimizes <paramref name="function"/> from <paramref name="start"/>.</summary>
    /// <param name="function">The function; must be smooth (convex for a global minimum).</param>
    /// <param name="start">The starting point (not modified).</param>
    /// <param name="gradientTolerance">Stops when every gradient component is at most this in absolute value.</param>
    /// <param name="maxIterations">Stops after this many iterations even when not converged.</param>
    /// <param name="memory">The number of correction pairs kept. 10 is the usual choice.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    public static LbfgsResult Minimize(
        IDifferentiableFunction function,
        double[] start,
        double gradientTolerance,
        int maxIterations,
        int memory,
        CancellationToken cancellationToken)
    {
        var n = function.Dimension;
        var x = (double[])start.Clone();
        var g = new double[n];
        var f = function.Evaluate(x, g);
        var s = new double[memory][];
        var y = new double[memory][];
        var rho = new double[memory];
        var alpha = new double[memory];
        var stored = 0;
        var newest = -1;
        var direction = new double[n];
        var xNext = new double[n];
        var gNext = new double[n];

        var stalledIterations = 0;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MaxAbs(g) <= gradientTolerance)
            {
                return new LbfgsResult(x, f, iteration, true);
            }

            TwoLoop(g, s, y, rho, alpha, stored, newest, memory, direction);
            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // The curvature pairs went stale (rounding); restart from steepest descent.
                stored = 0;
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -g[i];
                }

                slope = Dot(g, direction);
            }

            // The first step has no curvature information, so scale it to unit length.
            var step = stored == 0 ? Math.Min(1, 1 / Math.Sqrt(-slope)) : 1.0;
            double fNext;
            var accepted = false;
            var stalled = false;
            for (var trial = 0; trial < 60; trial++)
            {
                for (var i = 0; i < n; i++)
                {
                    xNext[i] = x[i] + (step * direction[i]);
                }

                fNext = function.Evaluate(xNext, gNext);
                if (fNext <= f + (1e-4 * step * slope))
                {
                    accepted = true;
                    stalled = f - fNext <= MachinePrecisionDecrease * Math.Abs(f);
                    f = fNext;
                    break;
                }

                step *= 0.5;
            }

            if (!accepted)
            {
                return new LbfgsResult(x, f, iteration, MaxAbs(g) <= gradientTolerance);
            }

            newest = (newest + 1) % memory;
            s[newest] ??= new double[n];
            y[newest] ??= new double[n];
            for (var i = 0; i < n; i++)
            {
                s[newest][i] = xNext[i] - x[i];
                y[newest][i] = gNext[i] - g[i];
            }

            var sy = Dot(s[newest], y[newest]);
            if (sy > 1e-12 * Dot(y[newest], y[newest]))
            {
                rho[newest] = 1 / sy;
                stored = Math.Min(stored + 1, memory);
            }
            else
            {
                // Not enough curvature along this step to trust the pair; drop it.
                newest = (newest - 1 + memory) % memory;
            }

            (x, xNext) = (xNext, x);
            (g, gNext) = (gNext, g);
            stalledIterations = stalled ? stalledIterations + 1 : 0;
            if (stalledIterations >= StalledIterationsToStop)
            {
                // The objective no longer moves at double precision: more iterations would only spend time (a tolerance
                // tighter than the data allows once made a 3,000-row fit take 36 s), so stop with what it has.
                return new LbfgsResult(x, f, iteration + 1, MaxAbs(g) <= gradientTolerance);
            }
        }

        return new LbfgsResult(x, f, maxIterations, MaxAbs(g) <= gradientTolerance);
    }

    /// <summary>A decrease of the objective at most this (relative) is rounding, not progress: a few ulps of a double.</summary>
    private const double MachinePrecisionDecrease = 1e-15;

    /// <summary>Consecutive iterations without a real decrease before the search stops.</summary>
    private const int StalledIterationsToStop = 3;

    private static void TwoLoop(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha, int stored, int newest, int memory, double[] direction)
    {
        var n = g.Length;
        for (var i = 0; i < n; i++)
        {
            direction[i] = -g[i];
        }

        for (var k = 0; k < stored; k++)
        {
            var j = (newest - k + memory) % memory;
            alpha[j] = rho[j] * Dot(s[j], direction);
            for (var i = 0; i < n; i++)
            {
                direction[i] -= alpha[j] * y[j][i];
            }
        }

        if (stored > 0)
        {
            var gamma = Dot(s[newest], y[newest]) / Dot(y[newest], y[newest]);
            for (var i = 0; i < n; i++)
            {
                direction[i] *= gamma;
            }
        }

        for (var k = stored - 1; k >= 0; k--)
        {
            var j = (newest - k + memory) % memory;
            var beta = rho[j] * Dot(y[j], direction);
            for (var i = 0; i < n; i++)
            {
                direction[i] += (alpha[j] - beta) * s[j][i];
            }
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double MaxAbs(double[] values)
    {
        double max = 0;
        foreach (var v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
