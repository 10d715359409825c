namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// Null distributions of the two-sided two-sample Kolmogorov–Smirnov statistic, following scipy.stats.ks_2samp
/// (scipy 1.10): the exact lattice-path probability for small samples and Smirnov's one-sample limit
/// (<c>kstwo.sf(d, round(n1·n2/(n1+n2)))</c>) for large ones.
/// </summary>
internal static class KolmogorovDistribution
{
    /// <summary>Above this size of the larger sample scipy's <c>method='auto'</c> stops computing exactly.</summary>
    public const int MaxExactSize = 10_000;

    /// <summary>Statistic and p-value for samples of sizes <paramref name="n1"/>, <paramref name="n2"/> and raw gap <paramref name="d"/>.</summary>
    public static KsTestResult TwoSided(long n1, long n2, double d)
    {
        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            var g = Gcd(n1, n2);
            var lcm = n1 / g * n2;
            var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            var rounded = h / (double)lcm;
            if (h == 0)
            {
                return new KsTestResult(rounded, 1, true);
            }

            var p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : ProbabilityOutsideInside(n1, n2, g, h);
            if (p is >= 0 and <= 1)
            {
                return new KsTestResult(rounded, p, true);
            }
        }

        var (m, n) = n1 >= n2 ? ((double)n1, (double)n2) : (n2, n1);
        var en = m * n / (m + n);
        return new KsTestResult(d, Math.Clamp(OneSampleSurvival((long)Math.Round(en, MidpointRounding.ToEven), d), 0, 1), false);
    }

    /// <summary>P(D_{n,n} ≥ h/n) for equal sample sizes, as an alternating series evaluated Horner-style.</summary>
    private static double ProbabilityOutsideSquare(long n, long h)
    {
        var total = 0.0;
        for (var k = (long)Math.Floor(n / (double)h); k >= 0; k--)
        {
            var p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            }

            total = p1 * (1.0 - total);
        }

        return 2 * total;
    }

    /// <summary>
    /// Share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| &lt; h/lcm: Hodges' inside method with
    /// Viehmann's recursion (arXiv:2102.08037), which carries 1 − p directly and so never divides huge binomials.
    /// </summary>
    private static double ProbabilityOutsideInside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        long minj = 0;
        var maxj = Math.Min((long)Math.Ceiling(h / (double)mg), n + 1);
        var curlen = maxj - minj;
        var length = (int)Math.Min(2 * maxj + 2, n + 1);
        var a = new double[length];
        Array.Fill(a, 1.0);
        Array.Fill(a, 0.0, 0, (int)Math.Min(maxj, length));
        for (long i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Min(Math.Max((long)Math.Floor((ng * i - h) / (double)mg) + 1, 0), n);
            maxj = Math.Min((long)Math.Ceiling((ng * i + h) / (double)mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }

            var val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }

            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                var from = (int)(maxj - minj);
                var to = (int)Math.Min(from + (lastlen - curlen), length);
                Array.Fill(a, 1.0, from, Math.Max(0, to - from));
            }
        }

        return a[maxj - minj - 1];
    }

    /// <summary>
    /// P(D_n ≥ x) for the two-sided one-sample statistic, following Simard and L'Ecuyer's choice of method as scipy's
    /// <c>kolmogn</c> does, except that the Durbin-matrix and Pomeranz branches (small n or tiny n·x²) use the
    /// Pelz–Good approximation instead; there the answer differs from scipy by about 1e-6 (relative), elsewhere by about 1e-12.
    /// </summary>
    internal static double OneSampleSurvival(long n, double x)
    {
        if (n <= 0 || x <= 0)
        {
            return 1;
        }

        if (x >= 1)
        {
            return 0;
        }

        var t = n * x;
        if (t <= 1)
        {
            if (t <= 0.5)
            {
                return 1;
            }

            // Ruben–Gambino: P(D_n ≤ x) = n!/n^n (2t − 1)^n on 1/2n ≤ x ≤ 1/n.
            var cdf = Math.Exp(SpecialFunctions.LogGamma(n + 1) - n * Math.Log(n) + n * Math.Log(2 * t - 1));
            return Math.Clamp(1 - cdf, 0, 1);
        }

        if (t >= n - 1)
        {
            return Math.Clamp(2 * Math.Pow(1 - x, n), 0, 1);
        }

        if (x >= 0.5)
        {
            return Math.Clamp(2 * SmirnovSurvival(n, x), 0, 1);
        }

        var nxSquared = t * x;
        if (nxSquared >= 370)
        {
            return 0;
        }

        if (nxSquared >= (n <= 140 ? 4 : 2.2))
        {
            return Math.Clamp(2 * SmirnovSurvival(n, x), 0, 1);
        }

        return Math.Clamp(1 - PelzGoodCdf(n, x), 0, 1);
    }

    /// <summary>P(D⁺_n ≥ x), exactly, by the Birnbaum–Tingey sum evaluated in log space.</summary>
    internal static double SmirnovSurvival(long n, double x)
    {
        var last = (long)Math.Floor(n * (1 - x));
        var logBinomial = 0.0;
        var sum = 0.0;
        for (long j = 0; j <= last; j++)
        {
            if (j > 0)
            {
                logBinomial += Math.Log(n - j + 1) - Math.Log(j);
            }

            var low = 1 - x - j / (double)n;
            var high = x + j / (double)n;
            if (low > 0)
            {
                sum += Math.Exp(logBinomial + (n - j) * Math.Log(low) + (j - 1) * Math.Log(high));
            }
        }

        return x * sum;
    }

    /// <summary>Pelz and Good's (1976) approximation of P(D_n ≤ x): the first four terms of the Li-Chien/Korolyuk expansion.</summary>
    private static double PelzGoodCdf(long n, double x)
    {
        var z = Math.Sqrt(n) * x;
        var z2 = z * z;
        var z3 = z2 * z;
        var z4 = z2 * z2;
        var z6 = z4 * z2;
        var qlog = -Math.PI * Math.PI / 8 / z2;
        if (qlog < -708)
        {
            return 0;
        }

        var q = Math.Exp(qlog);
        var pi2 = Math.PI * Math.PI;
        var pi4 = pi2 * pi2;
        var pi6 = pi4 * pi2;
        var k1a = -z2;
        var k1b = pi2 / 4;
        var k2a = 6 * z6 + 2 * z4;
        var k2b = (2 * z4 - 5 * z2) * pi2 / 4;
        var k2c = pi4 * (1 - 2 * z2) / 16;
        var k3d = pi6 * (5 - 30 * z2) / 64;
        var k3c = pi4 * (-60 * z2 + 212 * z4) / 16;
        var k3b = pi2 * (135 * z4 - 96 * z6) / 4;
        var k3a = -30 * z6 - 90 * z4 * z4;

        Span<double> k = stackalloc double[4];
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var i = maxk; i > 0; i--)
        {
            double m = 2 * i - 1;
            var m2 = m * m;
            var m4 = m2 * m2;
            var m6 = m4 * m2;
            var qpower = Math.Pow(q, 8 * i);
            k[0] = k[0] * qpower + 1;
            k[1] = k[1] * qpower + k1a + k1b * m2;
            k[2] = k[2] * qpower + k2a + k2b * m2 + k2c * m4;
            k[3] = k[3] * qpower + k3a + k3b * m2 + k3c * m4 + k3d * m6;
        }

        var scale = q * Math.Sqrt(2 * Math.PI);
        k[0] *= scale / z;
        k[1] *= scale / (6 * z4);
        k[2] *= scale / (72 * z4 * z3);
        k[3] *= scale / (6480 * z4 * z6);

        var q2 = Math.Exp(-pi2 / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        double k2extra = 0;
        double k3extra = 0;
        for (var i = maxk; i > 0; i--)
        {
            double kk = i * i;
            var power = Math.Pow(q2, kk);
            var kpi = Math.PI * i;
            k2extra += kk * power;
            k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * kk * power;
        }

        k[2] += k2extra * pi2 * Math.Sqrt(2 * Math.PI) / (-36 * z3);
        k[3] += k3extra * pi2 * Math.Sqrt(2 * Math.PI) / (216 * z6);
        double sqrtN = Math.Sqrt(n);
        return k[0] + k[1] / sqrtN + k[2] / n + k[3] / (n * sqrtN);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
