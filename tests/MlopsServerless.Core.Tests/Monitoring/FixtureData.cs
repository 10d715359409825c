using System.Globalization;

namespace MlopsServerless.Core.Tests.Monitoring;

/// <summary>
/// Regenerates the samples of Fixtures/drift_fixtures.py bit for bit: the same 64-bit LCG and the same float operations
/// in the same order, so scipy's values recorded there apply to these arrays.
/// </summary>
internal static class FixtureData
{
    /// <summary>Evaluates a sample expression such as <c>normalish(1, 40, 0.0, 1.0)</c>.</summary>
    public static double[] Sample(string expression)
    {
        var open = expression.IndexOf('(', StringComparison.Ordinal);
        var name = expression[..open];
        var args = expression[(open + 1)..^1].Split(',').Select(a => double.Parse(a.Trim(), CultureInfo.InvariantCulture)).ToArray();
        return name switch
        {
            "normalish" => Normalish((ulong)args[0], (int)args[1], args[2], args[3], args.Length > 4 ? (int)args[4] : 0),
            "integers" => Integers((ulong)args[0], (int)args[1], (ulong)args[2]),
            "constant" => Enumerable.Repeat(args[1], (int)args[0]).ToArray(),
            _ => throw new ArgumentException($"Unknown sample '{name}'."),
        };
    }

    /// <summary>Expands <c>a=50;b=30;=10</c> to level counts in sorted level order, missing ("") last, like the script.</summary>
    public static (string?[] Levels, long[] Reference, long[] Current) Counts(string reference, string current)
    {
        var r = Parse(reference);
        var c = Parse(current);
        var levels = r.Keys.Union(c.Keys).OrderBy(k => k.Length == 0).ThenBy(k => k, StringComparer.Ordinal).ToArray();
        return (
            levels.Select(l => l.Length == 0 ? null : l).ToArray(),
            levels.Select(l => r.GetValueOrDefault(l)).ToArray(),
            levels.Select(l => c.GetValueOrDefault(l)).ToArray());

        static Dictionary<string, long> Parse(string spec) => spec.Split(';')
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    private static IEnumerable<ulong> Lcg(ulong seed)
    {
        var state = seed;
        while (true)
        {
            state = unchecked(state * 6364136223846793005UL + 1442695040888963407UL);
            yield return state >> 33;
        }
    }

    private static double[] Normalish(ulong seed, int n, double loc, double scale, int missingEvery)
    {
        using var g = Lcg(seed).GetEnumerator();
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u1 = Next(g) % 1000000 / 1000000.0;
            var u2 = Next(g) % 1000000 / 1000000.0;
            var u3 = Next(g) % 1000000 / 1000000.0;
            var v = loc + scale * (u1 + u2 + u3 - 1.5) * 2.0;
            values[i] = missingEvery != 0 && i % missingEvery == 0 ? double.NaN : v;
        }

        return values;
    }

    private static double[] Integers(ulong seed, int n, ulong k)
    {
        using var g = Lcg(seed).GetEnumerator();
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = Next(g) % k;
        }

        return values;
    }

    private static ulong Next(IEnumerator<ulong> g)
    {
        g.MoveNext();
        return g.Current;
    }
}
