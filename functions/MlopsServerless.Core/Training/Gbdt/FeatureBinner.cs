using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>Fits the bins of each input on training data: quantile edges for numbers, frequent levels for categories.</summary>
internal static class FeatureBinner
{
    /// <summary>Rows beyond this are thinned (every k-th value) before the quantiles are taken; bins need no more.</summary>
    private const int QuantileSampleSize = 1 << 18;

    /// <summary>Categories kept per input; the rest are pooled with missing values (one byte per bin, 255 is missing).</summary>
    public const int MaxLevels = 254;

    /// <summary>Fits every input on up to <paramref name="threads"/> threads, in input order.</summary>
    public static GbdtFeature[] FitAll(IReadOnlyList<Column> inputs, int maxBins, int threads)
    {
        var features = new GbdtFeature[inputs.Count];

        // One quantile sample buffer per thread, reused across inputs: a megabyte per input was large-object garbage
        // that stayed until the next full collection.
        Parallel.For(
            0,
            inputs.Count,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => Array.Empty<float>(),
            (i, _, sample) =>
            {
                features[i] = inputs[i] switch
                {
                    CategoricalColumn c => FitCategorical(c, maxBins),
                    NumericColumn n => new GbdtFeature(n.Name, n.Kind, FitEdges(n.Values, maxBins, ref sample), []),
                    _ => throw new InvalidOperationException($"Unknown column type {inputs[i].GetType().Name}."),
                };
                return sample;
            },
            _ => { });
        return features;
    }

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

    /// <summary>Quantile edges of <paramref name="values"/>; <paramref name="sample"/> is scratch, grown when too small.</summary>
    private static float[] FitEdges(double[] values, int maxBins, ref float[] sample)
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
        var size = (present + step - 1) / step;
        if (sample.Length < size)
        {
            sample = new float[size];
        }

        var taken = 0;
        var seen = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v) && seen++ % step == 0 && taken < size)
            {
                sample[taken++] = (float)v;
            }
        }

        // Sorted, equal values form runs: a run is one distinct value and its length is its count.
        Array.Sort(sample, 0, taken);
        var distinct = 0;
        for (var i = 0; i < taken; i++)
        {
            if (i == 0 || sample[i] != sample[i - 1])
            {
                distinct++;
            }
        }

        var edges = new List<float>();
        if (distinct <= maxBins)
        {
            for (var i = 1; i < taken; i++)
            {
                if (sample[i] != sample[i - 1])
                {
                    edges.Add(Between(sample[i - 1], sample[i]));
                }
            }

            return [.. edges];
        }

        // Equal-frequency cuts: close a bin once it holds its share of the rows not yet binned.
        long remaining = taken;
        var binsLeft = maxBins;
        long inBin = 0;
        var start = 0;
        var end = RunEnd(sample, taken, 0);
        while (end < taken && binsLeft > 1)
        {
            var next = RunEnd(sample, taken, end);
            inBin += end - start;
            var share = (double)remaining / binsLeft;
            var withNext = inBin + (next - end);
            if (inBin >= share || Math.Abs(withNext - share) > Math.Abs(inBin - share))
            {
                edges.Add(Between(sample[start], sample[end]));
                remaining -= inBin;
                inBin = 0;
                binsLeft--;
            }

            start = end;
            end = next;
        }

        return [.. edges];
    }

    /// <summary>Where the run of values equal to <c>sample[start]</c> ends.</summary>
    private static int RunEnd(float[] sample, int taken, int start)
    {
        var end = start + 1;
        while (end < taken && sample[end] == sample[start])
        {
            end++;
        }

        return end;
    }

    /// <summary>A float edge with <c>low &lt;= edge &lt; high</c>, near the middle so unseen values split evenly.</summary>
    private static float Between(float low, float high)
    {
        var mid = (float)((low / 2.0) + (high / 2.0));
        return mid >= high || mid < low ? low : mid;
    }
}
