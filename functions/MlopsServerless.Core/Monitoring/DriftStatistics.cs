using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// The drift statistics as pure functions on arrays. Each one matches the scipy/numpy function named in its
/// documentation; the tests hold scipy's values as fixtures.
/// </summary>
public static class DriftStatistics
{
    /// <summary>Floor for an empty bin's proportion in <see cref="Psi"/>.</summary>
    /// <value>1e-4, the usual choice in credit-scoring practice.</value>
    public const double PsiEpsilon = 1e-4;

    /// <summary>Floor for the reference spread in <see cref="WassersteinNormalized"/>, as Evidently uses.</summary>
    /// <value>1e-3.</value>
    public const double MinimumSpread = 1e-3;

    /// <summary>
    /// Interior bin edges at the quantiles k/<paramref name="bins"/> (k = 1..bins−1) of <paramref name="sortedValues"/>,
    /// computed like <c>numpy.quantile</c> (linear interpolation), then sorted and deduplicated like <c>numpy.unique</c>.
    /// Bins are right-closed: bin i holds values v with edge[i−1] &lt; v ≤ edge[i]; the first and last bins are open.
    /// </summary>
    /// <param name="sortedValues">Non-missing values in ascending order; empty gives no edges (one bin).</param>
    /// <param name="bins">Number of quantile bins before deduplication; at least 1.</param>
    public static double[] QuantileEdges(ReadOnlySpan<double> sortedValues, int bins)
    {
        if (bins < 1)
        {
            throw MlopsException.InvalidArgument($"The number of bins must be at least 1, not {bins}.");
        }

        if (sortedValues.IsEmpty)
        {
            return [];
        }

        var edges = new List<double>(bins - 1);
        for (var k = 1; k < bins; k++)
        {
            var edge = Quantile(sortedValues, k / (double)bins);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        return [.. edges];
    }

    /// <summary>Bin of <paramref name="value"/> for right-closed <paramref name="edges"/> (numpy searchsorted, side='left').</summary>
    public static int BinOf(ReadOnlySpan<double> edges, double value)
    {
        int low = 0, high = edges.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (edges[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>
    /// Counts of <paramref name="values"/> per bin of <paramref name="edges"/>, with one extra last bin for missing
    /// values (NaN): the result has edges.Length + 2 entries.
    /// </summary>
    public static long[] BinCounts(ReadOnlySpan<double> values, ReadOnlySpan<double> edges)
    {
        var counts = new long[edges.Length + 2];
        foreach (var value in values)
        {
            counts[double.IsNaN(value) ? edges.Length + 1 : BinOf(edges, value)]++;
        }

        return counts;
    }

    /// <summary>
    /// Population stability index Σ (c − r)·ln(c / r) over bin proportions r (reference) and c (current). A proportion
    /// below <see cref="PsiEpsilon"/> (an empty bin) is raised to it, without renormalizing, so the sum stays finite.
    /// Rules of thumb: below 0.1 stable, 0.1–0.2 moderate shift, 0.2 and above significant shift.
    /// </summary>
    /// <param name="referenceCounts">Counts per bin (including the missing bin, if any).</param>
    /// <param name="currentCounts">Counts per bin, same bins in the same order.</param>
    /// <exception cref="MlopsException">InvalidArgument when the lengths differ or a side has no counts.</exception>
    public static double Psi(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        var (referenceTotal, currentTotal) = Totals(referenceCounts, currentCounts);
        var psi = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            var r = Math.Max(referenceCounts[i] / referenceTotal, PsiEpsilon);
            var c = Math.Max(currentCounts[i] / currentTotal, PsiEpsilon);
            psi += (c - r) * Math.Log(c / r);
        }

        return psi;
    }

    /// <summary>
    /// Jensen–Shannon distance in base 2 (in [0, 1]) between the two count vectors normalized to distributions,
    /// as <c>scipy.spatial.distance.jensenshannon(p, q, base=2)</c>. Empty bins need no smoothing here.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when the lengths differ or a side has no counts.</exception>
    public static double JensenShannon(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        var (referenceTotal, currentTotal) = Totals(referenceCounts, currentCounts);
        var left = 0.0;
        var right = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            var p = referenceCounts[i] / referenceTotal;
            var q = currentCounts[i] / currentTotal;
            var m = (p + q) / 2.0;
            left += RelativeEntropy(p, m);
            right += RelativeEntropy(q, m);
        }

        var js = (left + right) / Math.Log(2);
        return Math.Sqrt(Math.Max(js, 0) / 2.0);
    }

    /// <summary>
    /// Chi-square test of homogeneity on the 2×L contingency table of reference and current counts, as
    /// <c>scipy.stats.chi2_contingency</c> with its default <c>correction=True</c>: levels with no count on either side
    /// are dropped; with one degree of freedom (two levels) Yates' continuity correction is applied; with a single level
    /// there is nothing to test and the answer is statistic 0, p-value 1 (never NaN).
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when the lengths differ or a side has no counts.</exception>
    public static ChiSquareResult ChiSquare(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        var (referenceTotal, currentTotal) = Totals(referenceCounts, currentCounts);
        var levels = 0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            if (referenceCounts[i] + currentCounts[i] > 0)
            {
                levels++;
            }
        }

        var dof = levels - 1;
        if (dof <= 0)
        {
            return new ChiSquareResult(0, 1, 0);
        }

        var total = referenceTotal + currentTotal;
        var statistic = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            var column = (double)(referenceCounts[i] + currentCounts[i]);
            if (column == 0)
            {
                continue;
            }

            statistic += Term(referenceCounts[i], referenceTotal * column / total, dof);
            statistic += Term(currentCounts[i], currentTotal * column / total, dof);
        }

        return new ChiSquareResult(statistic, SpecialFunctions.ChiSquareSurvival(statistic, dof), dof);

        static double Term(double observed, double expected, int dof)
        {
            var gap = Math.Abs(observed - expected);
            if (dof == 1)
            {
                gap -= Math.Min(0.5, gap);
            }

            return gap * gap / expected;
        }
    }

    /// <summary>
    /// Two-sample Kolmogorov–Smirnov test (two-sided), as <c>scipy.stats.ks_2samp(reference, current)</c> with
    /// <c>method='auto'</c>: exact when both samples have at most 10,000 values, Smirnov's asymptotic distribution
    /// otherwise (or if the exact computation fails).
    /// </summary>
    /// <param name="reference">Non-missing values, any order.</param>
    /// <param name="current">Non-missing values, any order.</param>
    /// <exception cref="MlopsException">InvalidArgument when a sample is empty.</exception>
    public static KsTestResult KolmogorovSmirnov(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        KolmogorovSmirnovSorted(Sorted(reference), Sorted(current));

    /// <summary><see cref="KolmogorovSmirnov"/> for samples already sorted ascending (no copy, no sort).</summary>
    public static KsTestResult KolmogorovSmirnovSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        RequireSamples(reference, current);
        double n1 = reference.Length;
        double n2 = current.Length;
        int i = 0, j = 0;
        var d = 0.0;
        while (i < reference.Length && j < current.Length)
        {
            var value = Math.Min(reference[i], current[j]);
            while (i < reference.Length && reference[i] <= value)
            {
                i++;
            }

            while (j < current.Length && current[j] <= value)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(i / n1 - j / n2));
        }

        return KolmogorovDistribution.TwoSided(reference.Length, current.Length, d);
    }

    /// <summary>
    /// First Wasserstein (earth mover's) distance between the two empirical distributions:
    /// <c>scipy.stats.wasserstein_distance(reference, current)</c>, the area between the two empirical CDFs.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when a sample is empty.</exception>
    public static double Wasserstein(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        WassersteinSorted(Sorted(reference), Sorted(current));

    /// <summary><see cref="Wasserstein"/> for samples already sorted ascending.</summary>
    public static double WassersteinSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        RequireSamples(reference, current);
        double n1 = reference.Length;
        double n2 = current.Length;
        int i = 0, j = 0;
        var previous = Math.Min(reference[0], current[0]);
        var area = 0.0;
        while (i < reference.Length || j < current.Length)
        {
            var value = j >= current.Length || (i < reference.Length && reference[i] <= current[j]) ? reference[i] : current[j];
            area += Math.Abs(i / n1 - j / n2) * (value - previous);
            previous = value;
            while (i < reference.Length && reference[i] <= value)
            {
                i++;
            }

            while (j < current.Length && current[j] <= value)
            {
                j++;
            }
        }

        return area;
    }

    /// <summary>
    /// <see cref="Wasserstein"/> divided by the reference's spread: its population standard deviation
    /// (<c>numpy.std</c>, ddof = 0), floored at <see cref="MinimumSpread"/> as Evidently does. A constant reference
    /// therefore gives 0 against the same constant and distance / 0.001 against anything else.
    /// </summary>
    /// <param name="distance">The Wasserstein distance.</param>
    /// <param name="referenceStdDev">Population standard deviation of the reference.</param>
    public static double WassersteinNormalized(double distance, double referenceStdDev) =>
        distance / Math.Max(referenceStdDev, MinimumSpread);

    /// <summary>Population standard deviation (ddof = 0) of the non-missing values, two-pass; 0 when there are none.</summary>
    public static double StdDev(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        long n = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        if (n == 0)
        {
            return 0;
        }

        var mean = sum / n;
        var squares = 0.0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                squares += (v - mean) * (v - mean);
            }
        }

        return Math.Sqrt(squares / n);
    }

    /// <summary>Current missing rate minus reference missing rate (each missing / rows; 0 for no rows), in [−1, 1].</summary>
    public static double MissingRateChange(long referenceMissing, long referenceRows, long currentMissing, long currentRows) =>
        Rate(currentMissing, currentRows) - Rate(referenceMissing, referenceRows);

    /// <summary>The <paramref name="q"/> quantile of sorted values by numpy's default ('linear') method.</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var index = (sorted.Length - 1) * q;
        var below = Math.Floor(index);
        var gamma = index - below;
        var lo = (int)below;
        var a = sorted[lo];
        var b = sorted[Math.Min(lo + 1, sorted.Length - 1)];
        var diff = b - a;

        // numpy's _lerp: interpolate from the nearer end so the result stays monotone and exact at the ends.
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    internal static double[] Sorted(ReadOnlySpan<double> values)
    {
        var copy = values.ToArray();
        Array.Sort(copy);
        return copy;
    }

    private static double Rate(long missing, long rows) => rows == 0 ? 0 : (double)missing / rows;

    private static double RelativeEntropy(double x, double y) => x > 0 && y > 0 ? x * Math.Log(x / y) : 0;

    private static (double Reference, double Current) Totals(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        if (reference.Length != current.Length)
        {
            throw MlopsException.InvalidArgument($"Reference has {reference.Length} bins but current has {current.Length}; compare the same bins.");
        }

        long r = 0, c = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            r += reference[i];
            c += current[i];
        }

        if (r == 0 || c == 0)
        {
            throw MlopsException.InvalidArgument("Both samples need at least one count to compare distributions.");
        }

        return (r, c);
    }

    private static void RequireSamples(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.IsEmpty || current.IsEmpty)
        {
            throw MlopsException.InvalidArgument("Both samples need at least one non-missing value for this test.");
        }
    }
}
