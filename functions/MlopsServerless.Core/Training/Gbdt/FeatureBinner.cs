using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>Fits the bins of each input on training data: quantile edges for numbers, frequent levels for categories.</summary>
internal static class FeatureBinner
{
    /// <summary>Rows beyond this are thinned (every k-th value) before the quantiles are taken; bins need no more.</summary>
    private const int QuantileSampleSize = 1 << 18;

    /// <summary>Categories kept per input; the rest are pooled with missing values (one byte per bin, 255 is missing).</summary>
    public const int MaxLevels = 254;

    public static GbdtFeature Fit(Column column, int maxBins) => column switch
    {
        CategoricalColumn c => FitCategorical(c, maxBins),
        NumericColumn n => new GbdtFeature(n.Name, n.Kind, FitEdges(n.Values, maxBins), []),
        _ => throw new InvalidOperationException($"Unknown column type {column.GetType().Name}."),
    };

    private static GbdtFeature FitCategorical(CategoricalColumn column, int maxBins)
    {
        var counts = new long[column.Levels.Count];
        foreach (var code in column.Codes)
        {
            if (code >= 0)
            {
                counts[code]++;
            }
        }

        // Most frequent first, ties by text, so the bins do not depend on the order levels were met in the file.
        var levels = Enumerable.Range(0, counts.Length)
            .Where(code => counts[code] > 0)
            .OrderByDescending(code => counts[code])
            .ThenBy(code => column.Levels[code], StringComparer.Ordinal)
            .Take(Math.Min(maxBins, MaxLevels))
            .Select(code => column.Levels[code])
            .ToArray();
        return new GbdtFeature(column.Name, ColumnKind.Categorical, [], levels);
    }

    private static float[] FitEdges(double[] values, int maxBins)
    {
        var present = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                present++;
            }
        }

        var step = Math.Max(1, present / QuantileSampleSize);
        var sample = new float[(present + step - 1) / step];
        var taken = 0;
        var seen = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v) && seen++ % step == 0 && taken < sample.Length)
            {
                sample[taken++] = (float)v;
            }
        }

        Array.Sort(sample, 0, taken);
        var distinct = new List<float>();
        var counts = new List<int>();
        for (var i = 0; i < taken; i++)
        {
            if (distinct.Count > 0 && sample[i] == distinct[^1])
            {
                counts[^1]++;
            }
            else
            {
                distinct.Add(sample[i]);
                counts.Add(1);
            }
        }

        var edges = new List<float>();
        if (distinct.Count <= maxBins)
        {
            for (var i = 0; i + 1 < distinct.Count; i++)
            {
                edges.Add(Between(distinct[i], distinct[i + 1]));
            }

            return [.. edges];
        }

        // Equal-frequency cuts: close a bin once it holds its share of the rows not yet binned.
        long remaining = taken;
        var binsLeft = maxBins;
        long inBin = 0;
        for (var i = 0; i + 1 < distinct.Count && binsLeft > 1; i++)
        {
            inBin += counts[i];
            var share = (double)remaining / binsLeft;
            var withNext = inBin + counts[i + 1];
            if (inBin >= share || Math.Abs(withNext - share) > Math.Abs(inBin - share))
            {
                edges.Add(Between(distinct[i], distinct[i + 1]));
                remaining -= inBin;
                inBin = 0;
                binsLeft--;
            }
        }

        return [.. edges];
    }

    /// <summary>A float edge with <c>low &lt;= edge &lt; high</c>, near the middle so unseen values split evenly.</summary>
    private static float Between(float low, float high)
    {
        var mid = (float)((low / 2.0) + (high / 2.0));
        return mid >= high || mid < low ? low : mid;
    }
}
