namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// The deterministic train / validation / test split: a seeded shuffle within each class (stratified, so every split
/// keeps the class balance) or over all rows for regression. The same rows, seed and fractions always give the same
/// split, so steps recompute it instead of storing row lists.
/// </summary>
public static class DataSplit
{
    /// <summary>Splits <paramref name="rowCount"/> rows; <paramref name="strata"/> holds each row's class (or null).</summary>
    public static SplitRows Compute(int rowCount, int[]? strata, int seed, double validationFraction, double testFraction)
    {
        var groups = strata is null
            ? [Enumerable.Range(0, rowCount).ToArray()]
            : Enumerable.Range(0, rowCount).GroupBy(r => strata[r]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToList();
        var random = new Random(seed);
        List<int> train = [], validation = [], test = [];
        foreach (var group in groups)
        {
            // Fisher-Yates with the seeded generator: the seeded System.Random sequence is stable across .NET versions.
            for (var i = group.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (group[i], group[j]) = (group[j], group[i]);
            }

            var testCount = (int)Math.Round(group.Length * testFraction);
            var validationCount = (int)Math.Round(group.Length * validationFraction);
            test.AddRange(group.Take(testCount));
            validation.AddRange(group.Skip(testCount).Take(validationCount));
            train.AddRange(group.Skip(testCount + validationCount));
        }

        train.Sort();
        validation.Sort();
        test.Sort();
        return new SplitRows([.. train], [.. validation], [.. test]);
    }
}
