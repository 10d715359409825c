using Xunit.Abstractions;
using MlopsServerless.Core.Monitoring;

namespace MlopsServerless.Core.Tests.Monitoring;

/// <summary>
/// Each statistic against scipy 1.10.1 / numpy 1.24.2 (Debian's /usr/bin/python3). The rows below are the output of
/// Fixtures/drift_fixtures.py, pasted unchanged; FixtureData regenerates the same samples. PSI has no scipy function:
/// the script computes it with numpy.quantile edges, numpy.unique, numpy.searchsorted(side='left') and the 1e-4 floor.
/// </summary>
public sealed class DriftStatisticsTests(ITestOutputHelper output)
{
    private readonly ITestOutputHelper _output = output;

    public sealed record NumericCase(string Name, string Reference, string Current, double KsStatistic, double KsPValue,
        double Wasserstein, double ReferenceStd, double Psi, double Js)
    {
        public override string ToString() => Name;
    }

    public sealed record CategoricalCase(string Name, string Reference, string Current, double Chi2, double Chi2PValue,
        int Dof, double Psi, double Js)
    {
        public override string ToString() => Name;
    }

    private static readonly NumericCase[] NumericCases =
    [
    // numeric: name, reference, current, ks_2samp D, p (method=auto), wasserstein_distance, np.std(reference), PSI, JS
        new("small shifted", "normalish(1, 40, 0.0, 1.0)", "normalish(2, 35, 0.5, 1.0)", 0.2357142857142857, 0.21178862022280218, 0.5068877428571429, 1.1853894087631456, 0.4831816040737659, 0.2897243900801069),
        new("ties", "integers(3, 60, 5)", "integers(4, 50, 6)", 0.18, 0.30163770641529863, 0.5166666666666666, 1.5651588488783563, 1.3084126866907704, 0.3210044278735739),
        new("identical", "normalish(5, 30, 2.0, 3.0)", "normalish(5, 30, 2.0, 3.0)", 0.0, 1.0, 0.0, 3.444315800298811, 0.0, 0.0),
        new("disjoint", "normalish(6, 25, 0.0, 1.0)", "normalish(7, 30, 10.0, 1.0)", 1.0, 6.481194254049317e-16, 9.819965639999998, 0.932369985746812, 7.936735147497631, 0.8514147570828058),
        new("equal sizes", "normalish(8, 200, 0.0, 1.0)", "normalish(9, 200, 0.2, 1.0)", 0.12, 0.11228360286766195, 0.24782459999999998, 1.0397273846028956, 0.14047180766057837, 0.15690080382900323),
        new("medium exact", "normalish(10, 5000, 0.0, 1.0)", "normalish(11, 800, 0.1, 1.1)", 0.06175, 0.009945802825943047, 0.12545250908, 0.9873123774647276, 0.030792723121222568, 0.07435420480608915),
        new("large asymptotic", "normalish(12, 12000, 0.0, 1.0)", "normalish(13, 3000, 0.05, 1.0)", 0.03116666666666662, 0.01848594905616378, 0.05461608300000003, 0.9940717130425849, 0.010443376155750974, 0.043380227520768914),
        new("large tiny p", "normalish(14, 20000, 0.0, 1.0)", "normalish(15, 15000, 0.3, 1.0)", 0.10953333333333332, 5.175805884257046e-90, 0.2943191502333333, 1.0029266226264908, 0.0864290224917211, 0.12411804011261167),
        new("large near null", "normalish(16, 11000, 0.0, 1.0)", "normalish(17, 11000, 0.0, 1.0)", 0.008363636363636351, 0.8331737220847457, 0.010675861454545455, 0.9974838843661519, 0.0008934018199462374, 0.012692515952116606),
        new("asymptotic small current", "normalish(23, 12000, 0.0, 1.0)", "normalish(24, 120, 0.1, 1.0)", 0.06541666666666668, 0.663845081031158, 0.07064509350000002, 1.0001464207545987, 0.07410895102934123, 0.11434450389955822),
        new("asymptotic medium current", "normalish(25, 12000, 0.0, 1.0)", "normalish(26, 300, 0.15, 1.0)", 0.08766666666666667, 0.020788002196963928, 0.1354878645, 1.0042917150312416, 0.03458603647974842, 0.07885459370255404),
        new("constant equal", "constant(50, 3.0)", "constant(40, 3.0)", 0.0, 1.0, 0.0, 0.0, 0.0, 0.0),
        new("constant vs spread", "constant(50, 3.0)", "normalish(18, 40, 3.0, 1.0)", 0.5, 1.4480316838098577e-05, 1.0647498499999999, 0.0, 4.604318466668949, 0.5579230452841438),
        new("with missing", "normalish(19, 300, 0.0, 1.0, 7)", "normalish(20, 250, 0.0, 1.0, 3)", 0.07310955885800009, 0.6194443921261216, 0.10118879058647032, 1.0147007650147326, 0.25930559435942835, 0.2135980699116413),
        new("integer ties large", "integers(21, 4000, 4)", "integers(22, 1500, 4)", 0.023916666666666666, 0.5528088500038422, 0.03666666666666657, 1.121354538047624, 0.0057280530321668945, 0.032135006957047275),
    ];

    private static readonly CategoricalCase[] CategoricalCases =
    [
    // categorical: name, reference counts, current counts (level=count; empty level = missing), chi2_contingency statistic, p, dof, PSI, JS
        new("three levels shifted", "a=50;b=30;c=20", "a=30;b=30;c=40", 11.666666666666668, 0.0029282996948181853, 2, 0.2407945608651872, 0.2067308603321408),
        new("two levels yates", "x=40;y=60", "x=55;y=45", 3.9298245614035094, 0.04743689282486553, 1, 0.09092037053554733, 0.1278020141530312),
        new("single level", "k=30", "k=20", 0.0, 1.0, 0, 0.0, 0.0),
        new("new and vanished levels", "a=10;b=10;c=5", "a=12;b=6;d=7", 13.181818181818182, 0.004259464817933478, 3, 3.837409403464644, 0.507156608962311),
        new("same proportions", "a=20;b=40", "a=10;b=20", 0.0, 1.0, 1, 0.0, 0.0),
        new("large counts", "u=40000;v=35000;w=25000", "u=410;v=330;w=260", 1.7755285991668446, 0.41157488305700163, 2, 0.0018159432578951913, 0.018095448813343153),
        new("missing as level", "a=30;b=30;=10", "a=20;b=25;=30", 12.296753246753248, 0.002136948027228799, 2, 0.3655109923792125, 0.25253138960545135),
    ];

    public static TheoryData<NumericCase> Numeric => [.. NumericCases];

    public static TheoryData<CategoricalCase> Categorical => [.. CategoricalCases];

    [Theory]
    [MemberData(nameof(Numeric))]
    public void KolmogorovSmirnov_ScipyFixture_MatchesKs2samp(NumericCase c)
    {
        var result = DriftStatistics.KolmogorovSmirnov(Present(c.Reference), Present(c.Current));

        Assert.Equal(c.KsStatistic, result.Statistic, 1e-12);
        if (result.Exact)
        {
            AssertRelative(c.KsPValue, result.PValue, 1e-6);
        }
        else
        {
            // Smirnov and Pelz-Good agree with scipy to ~1e-12; the Pomeranz region (n <= 140) is ~1e-6 off.
            AssertRelative(c.KsPValue, result.PValue, 1e-5);
            _output.WriteLine($"{c.Name}: asymptotic p {result.PValue:R} vs scipy {c.KsPValue:R}");
        }
    }

    [Theory]
    [InlineData(40, 35, true)]
    [InlineData(10_000, 10_000, true)]
    [InlineData(10_001, 50, false)]
    public void KolmogorovSmirnov_SampleSizes_ExactOnlyUpToTenThousand(int n1, int n2, bool exact)
    {
        var a = Enumerable.Range(0, n1).Select(i => (double)i).ToArray();
        var b = Enumerable.Range(0, n2).Select(i => i + 0.5 + n2 / 4.0).ToArray();

        Assert.Equal(exact, DriftStatistics.KolmogorovSmirnov(a, b).Exact);
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Wasserstein_ScipyFixture_MatchesWassersteinDistance(NumericCase c)
    {
        var distance = DriftStatistics.Wasserstein(Present(c.Reference), Present(c.Current));

        Assert.Equal(c.Wasserstein, distance, Math.Max(1e-12, c.Wasserstein * 1e-9));
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void StdDev_ScipyFixture_MatchesNumpyStd(NumericCase c) =>
        Assert.Equal(c.ReferenceStd, DriftStatistics.StdDev(FixtureData.Sample(c.Reference)), 1e-12);

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Psi_NumpyFixture_MatchesQuantileBinDefinition(NumericCase c)
    {
        var (reference, current) = Binned(c);

        Assert.Equal(c.Psi, DriftStatistics.Psi(reference, current), 1e-10);
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void JensenShannon_NumericBins_MatchesScipy(NumericCase c)
    {
        var (reference, current) = Binned(c);

        Assert.Equal(c.Js, DriftStatistics.JensenShannon(reference, current), 1e-10);
    }

    [Theory]
    [MemberData(nameof(Categorical))]
    public void ChiSquare_ScipyFixture_MatchesChi2Contingency(CategoricalCase c)
    {
        var (_, reference, current) = FixtureData.Counts(c.Reference, c.Current);

        var result = DriftStatistics.ChiSquare(reference, current);

        Assert.Equal(c.Chi2, result.Statistic, 1e-10);
        AssertRelative(c.Chi2PValue, result.PValue, 1e-9);
        Assert.Equal(c.Dof, result.DegreesOfFreedom);
    }

    [Theory]
    [MemberData(nameof(Categorical))]
    public void PsiAndJensenShannon_Levels_MatchFixture(CategoricalCase c)
    {
        var (_, reference, current) = FixtureData.Counts(c.Reference, c.Current);

        Assert.Equal(c.Psi, DriftStatistics.Psi(reference, current), 1e-10);
        Assert.Equal(c.Js, DriftStatistics.JensenShannon(reference, current), 1e-10);
    }

    // scipy.special.gammaincc(a, x), printed by Fixtures/drift_fixtures.py.
    [Theory]
    [InlineData(0.5, 0.1, 0.6547208460185768)]
    [InlineData(0.5, 3.0, 0.014305878435429641)]
    [InlineData(1.0, 1.0, 0.36787944117144245)]
    [InlineData(2.5, 0.7, 0.924313272801667)]
    [InlineData(2.5, 12.0, 0.0002171129434527233)]
    [InlineData(10.0, 3.0, 0.9988975118698845)]
    [InlineData(10.0, 25.0, 0.0002214766382487835)]
    [InlineData(50.0, 48.0, 0.5945956049952386)]
    [InlineData(150.0, 200.0, 9.678621994933555e-05)]
    [InlineData(0.5, 40.0, 3.744097384202887e-19)]
    public void UpperRegularizedGamma_ScipyFixture_MatchesGammaincc(double a, double x, double expected) =>
        AssertRelative(expected, SpecialFunctions.UpperRegularizedGamma(a, x), 1e-11);

    [Fact]
    public void ChiSquare_SingleLevelWithEmptyLevels_IsZeroAndOneNotNaN()
    {
        var result = DriftStatistics.ChiSquare([0, 40, 0], [0, 12, 0]);

        Assert.Equal(new ChiSquareResult(0, 1, 0), result);
    }

    [Fact]
    public void QuantileEdges_ConstantValues_CollapseToOneEdge()
    {
        var edges = DriftStatistics.QuantileEdges(Enumerable.Repeat(3.0, 50).ToArray(), 10);

        Assert.Equal([3.0], edges);
    }

    [Fact]
    public void BinCounts_ValueOnEdge_GoesToLowerBinAndNaNToMissingBin()
    {
        var counts = DriftStatistics.BinCounts([1.0, 1.5, 2.0, double.NaN, 9.0], [1.0, 2.0]);

        Assert.Equal([1L, 2, 1, 1], counts);
    }

    [Fact]
    public void Psi_EmptyCurrentBin_UsesEpsilonFloorAndStaysFinite()
    {
        var psi = DriftStatistics.Psi([50, 50], [100, 0]);

        // (1 - 0.5) ln(1/0.5) + (1e-4 - 0.5) ln(1e-4/0.5)
        Assert.Equal(0.5 * Math.Log(2) + (1e-4 - 0.5) * Math.Log(1e-4 / 0.5), psi, 1e-12);
    }

    [Fact]
    public void Psi_DifferentBinCounts_ThrowsInvalidArgument() =>
        Assert.Equal(Core.Errors.ErrorCode.InvalidArgument,
            Assert.Throws<Core.Errors.MlopsException>(() => DriftStatistics.Psi([1, 2], [1, 2, 3])).Code);

    [Fact]
    public void WassersteinNormalized_ConstantReference_DividesByMinimumSpread() =>
        Assert.Equal(2.0 / 1e-3, DriftStatistics.WassersteinNormalized(2.0, 0));

    [Fact]
    public void MissingRateChange_MoreMissingNow_IsPositiveDifference() =>
        Assert.Equal(0.3 - 0.1, DriftStatistics.MissingRateChange(10, 100, 30, 100), 1e-15);

    private static double[] Present(string expression) => FixtureData.Sample(expression).Where(v => !double.IsNaN(v)).ToArray();

    private static (long[] Reference, long[] Current) Binned(NumericCase c)
    {
        var reference = FixtureData.Sample(c.Reference);
        var edges = DriftStatistics.QuantileEdges(Present(c.Reference).Order().ToArray(), 10);
        return (DriftStatistics.BinCounts(reference, edges), DriftStatistics.BinCounts(FixtureData.Sample(c.Current), edges));
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Abs(expected) + 1e-300,
            $"Expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2}).");
}
