using System.Buffers;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Monitoring;

/// <summary>Compares one current column with its <see cref="FeatureReference"/> and applies the policy.</summary>
internal static class FeatureComparer
{
    public static FeatureDrift Compare(FeatureReference reference, Column current, DriftPolicy policy) =>
        reference.Kind == DriftFeatureKind.Numeric ? Numeric(reference, current, policy) : Categorical(reference, current, policy);

    private static FeatureDrift Numeric(FeatureReference reference, Column current, DriftPolicy policy)
    {
        var values = current switch
        {
            NumericColumn n => n.Values,
            CategoricalColumn c => ColumnValues.AsNumbers(c),
            _ => null,
        };
        if (values is null)
        {
            return KindChanged(reference, current);
        }

        // Sorting the current values is most of the cost; pooled buffers keep repeated checks off the large-object heap.
        var keys = ArrayPool<ulong>.Shared.Rent(values.Length);
        var buffer = ArrayPool<double>.Shared.Rent(values.Length);
        try
        {
            var present = RadixSort.SortPresent(values, keys, buffer);
            return Numeric(reference, values, buffer.AsSpan(0, present), policy);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static FeatureDrift Numeric(FeatureReference reference, double[] values, ReadOnlySpan<double> sorted, DriftPolicy policy)
    {
        long rows = values.Length;
        var missing = rows - sorted.Length;
        var edges = reference.BinEdges ?? [];
        var referenceCounts = new long[edges.Count + 2];
        for (var i = 0; i < edges.Count + 1; i++)
        {
            referenceCounts[i] = reference.BinCounts?[i] ?? 0;
        }

        referenceCounts[^1] = reference.Missing;
        var currentCounts = CountSortedIntoBins(sorted, edges, missing);

        KsTestResult? ks = null;
        double? wasserstein = null;
        var sample = reference.Sample as double[] ?? reference.Sample?.ToArray() ?? [];
        if (sample.Length > 0 && sorted.Length > 0)
        {
            ks = DriftStatistics.KolmogorovSmirnovSorted(sample, sorted);
            wasserstein = DriftStatistics.WassersteinNormalized(DriftStatistics.WassersteinSorted(sample, sorted), reference.StdDev ?? 0);
        }

        var (psi, js) = Distributions(referenceCounts, currentCounts);
        var statistic = rows <= policy.SmallSampleLimit ? DriftStatistic.Ks : DriftStatistic.Wasserstein;
        var flagged = statistic == DriftStatistic.Ks
            ? ks is not null && ks.PValue < policy.KsPValueThreshold
            : wasserstein is not null && wasserstein >= policy.WassersteinThreshold;
        return new FeatureDrift(
            reference.Name,
            DriftFeatureKind.Numeric,
            rows,
            psi,
            ks?.Statistic,
            ks?.PValue,
            null,
            js,
            wasserstein,
            DriftStatistics.MissingRateChange(reference.Missing, reference.Rows, missing, rows),
            statistic,
            Verdict(rows, flagged, psi, psi is not null || ks is not null, policy));
    }

    private static FeatureDrift Categorical(FeatureReference reference, Column current, DriftPolicy policy)
    {
        var counts = current switch
        {
            CategoricalColumn c => ColumnValues.Levels(c),
            NumericColumn n => ColumnValues.AsLevels(n),
            _ => throw new InvalidOperationException($"Unknown column type {current.GetType().Name}."),
        };
        var levels = reference.Levels ?? [];
        var known = new HashSet<string>(levels.Select(l => l.Value), StringComparer.Ordinal);
        var added = counts.Counts.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var referenceCounts = new long[levels.Count + added.Count + 1];
        var currentCounts = new long[referenceCounts.Length];
        for (var i = 0; i < levels.Count; i++)
        {
            referenceCounts[i] = levels[i].Count;
            currentCounts[i] = counts.Counts.GetValueOrDefault(levels[i].Value);
        }

        for (var i = 0; i < added.Count; i++)
        {
            currentCounts[levels.Count + i] = counts.Counts[added[i]];
        }

        referenceCounts[^1] = reference.Missing;
        currentCounts[^1] = counts.Missing;

        var (psi, js) = Distributions(referenceCounts, currentCounts);
        var chi2 = psi is null ? null : DriftStatistics.ChiSquare(referenceCounts, currentCounts);
        var statistic = counts.Rows <= policy.SmallSampleLimit ? DriftStatistic.ChiSquare : DriftStatistic.JensenShannon;
        var flagged = statistic == DriftStatistic.ChiSquare
            ? chi2 is not null && chi2.PValue < policy.ChiSquarePValueThreshold
            : js is not null && js >= policy.JensenShannonThreshold;
        return new FeatureDrift(
            reference.Name,
            DriftFeatureKind.Categorical,
            counts.Rows,
            psi,
            null,
            null,
            chi2?.PValue,
            js,
            null,
            DriftStatistics.MissingRateChange(reference.Missing, reference.Rows, counts.Missing, counts.Rows),
            statistic,
            Verdict(counts.Rows, flagged, psi, psi is not null, policy));
    }

    // Nothing measurable (for example an empty reference) cannot be judged, whatever the row count.
    private static DriftVerdict Verdict(long rows, bool flagged, double? psi, bool measured, DriftPolicy policy) =>
        rows < policy.MinimumRows || !measured ? DriftVerdict.NotEnoughData
        : flagged || psi >= policy.PsiDriftThreshold ? DriftVerdict.Drifted
        : psi >= policy.PsiWarningThreshold ? DriftVerdict.Warning
        : DriftVerdict.NoDrift;

    private static FeatureDrift KindChanged(FeatureReference reference, Column current)
    {
        long missing = 0;
        for (var i = 0; i < current.Length; i++)
        {
            if (current.IsMissing(i))
            {
                missing++;
            }
        }

        return new FeatureDrift(reference.Name, reference.Kind, current.Length, null, null, null, null, null, null,
            DriftStatistics.MissingRateChange(reference.Missing, reference.Rows, missing, current.Length),
            DriftStatistic.KindChanged, DriftVerdict.Drifted);
    }

    private static (double? Psi, double? Js) Distributions(long[] referenceCounts, long[] currentCounts) =>
        referenceCounts.Sum() == 0 || currentCounts.Sum() == 0
            ? (null, null)
            : (DriftStatistics.Psi(referenceCounts, currentCounts), DriftStatistics.JensenShannon(referenceCounts, currentCounts));

    /// <summary>Bin counts of sorted values (binary search per edge, not per value) plus the missing count last.</summary>
    private static long[] CountSortedIntoBins(ReadOnlySpan<double> sorted, IReadOnlyList<double> edges, long missing)
    {
        var counts = new long[edges.Count + 2];
        var below = 0;
        for (var k = 0; k < edges.Count; k++)
        {
            var upTo = UpperBound(sorted, edges[k]);
            counts[k] = upTo - below;
            below = upTo;
        }

        counts[edges.Count] = sorted.Length - below;
        counts[^1] = missing;
        return counts;
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value)
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
}
