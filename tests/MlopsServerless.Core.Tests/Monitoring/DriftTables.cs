using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Tests.Monitoring;

/// <summary>Small builders for drift test tables.</summary>
internal static class DriftTables
{
    public static NumericColumn Numeric(string name, double[] values) => new(name, ColumnKind.Numeric, values);

    public static CategoricalColumn Categorical(string name, params string?[] values)
    {
        var levels = values.Where(v => v is not null).Select(v => v!).Distinct().ToList();
        return new CategoricalColumn(name, values.Select(v => v is null ? -1 : levels.IndexOf(v)).ToArray(), levels);
    }

    /// <summary>Levels drawn with the given weights, deterministically from <paramref name="seed"/>.</summary>
    public static CategoricalColumn Weighted(string name, int rows, int seed, params (string Level, double Weight)[] levels)
    {
        var random = new Random(seed);
        var total = levels.Sum(l => l.Weight);
        var values = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble() * total;
            var k = 0;
            while (k < levels.Length - 1 && u >= levels[k].Weight)
            {
                u -= levels[k].Weight;
                k++;
            }

            values[i] = levels[k].Level;
        }

        return Categorical(name, values);
    }

    /// <summary>Three numeric features and one categorical, drawn around <paramref name="shift"/>.</summary>
    public static Table Sample(int rows, ulong seed, double shift)
    {
        var weights = shift == 0 ? new[] { ("a", 0.5), ("b", 0.3), ("c", 0.2) } : new[] { ("a", 0.2), ("b", 0.3), ("c", 0.5) };
        return new Table(
        [
            Numeric("age", FixtureData.Sample(FormattableString.Invariant($"normalish({seed}, {rows}, {40 + 10 * shift}, 10.0)"))),
            Numeric("income", FixtureData.Sample(FormattableString.Invariant($"normalish({seed + 1}, {rows}, {3000 + 500 * shift}, 500.0)"))),
            Numeric("score", FixtureData.Sample(FormattableString.Invariant($"normalish({seed + 2}, {rows}, {shift}, 1.0)"))),
            Weighted("plan", rows, (int)seed, weights),
        ]);
    }
}
