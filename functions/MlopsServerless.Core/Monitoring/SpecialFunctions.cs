namespace MlopsServerless.Core.Monitoring;

/// <summary>Log-gamma and the regularized incomplete gamma function, enough for chi-square p-values.</summary>
internal static class SpecialFunctions
{
    // Lanczos approximation, g = 7, n = 9: about 15 significant digits for x > 0.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private const int MaxIterations = 10_000;
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection keeps the series in its accurate range.
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>Q(a, x) = Γ(a, x) / Γ(a), the upper tail; Q(a, 0) = 1.</summary>
    public static double UpperRegularizedGamma(double a, double x)
    {
        if (x <= 0)
        {
            return 1;
        }

        // The series converges fast below a + 1, the continued fraction above (Numerical Recipes' split).
        return x < a + 1 ? 1 - LowerSeries(a, x) : UpperContinuedFraction(a, x);
    }

    /// <summary>Upper tail of the chi-square distribution with <paramref name="degreesOfFreedom"/>.</summary>
    public static double ChiSquareSurvival(double statistic, int degreesOfFreedom) =>
        degreesOfFreedom <= 0 ? 1 : Math.Clamp(UpperRegularizedGamma(degreesOfFreedom / 2.0, statistic / 2.0), 0, 1);

    private static double LowerSeries(double a, double x)
    {
        var term = 1 / a;
        var sum = term;
        for (var n = 1; n < MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    private static double UpperContinuedFraction(double a, double x)
    {
        // Modified Lentz evaluation of the continued fraction for Γ(a, x).
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny)
            {
                d = Tiny;
            }

            c = b + an / c;
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }

            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
    }
}
