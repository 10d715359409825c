using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Http.Datasets;

/// <summary>Histograms and level counts of a table's columns, for charts: equal-width bins, or one bin per integer when there are few.</summary>
public static class ColumnDistributions
{
    /// <summary>Most bins of a numeric histogram.</summary>
    public const int MaxBins = 20;

    /// <summary>Most levels listed; the rest are counted together.</summary>
    public const int MaxLevels = 20;

    public static IReadOnlyList<HistogramBin> Histogram(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var integers = true;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
            integers &= v == Math.Floor(v);
        }

        if (min > max)
        {
            return [];
        }

        var (lower, width, bins) = integers && max - min < MaxBins
            ? (min - 0.5, 1.0, (int)(max - min) + 1)
            : (min, max > min ? (max - min) / MaxBins : 1.0, max > min ? MaxBins : 1);
        var counts = new long[bins];
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                counts[Math.Clamp((int)((v - lower) / width), 0, bins - 1)]++;
            }
        }

        return [.. counts.Select((c, i) => new HistogramBin(lower + i * width, lower + (i + 1) * width, c))];
    }

    /// <summary>Level counts, most frequent first (ties by name), and the rows of the levels beyond <see cref="MaxLevels"/>.</summary>
    public static (IReadOnlyList<LevelBar> Levels, long Other) Levels(Column column)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var row = 0; row < column.Length; row++)
        {
            var level = column switch
            {
                CategoricalColumn c => c.ValueAt(row),
                NumericColumn n when !double.IsNaN(n.Values[row]) => n.Values[row] != 0 ? "true" : "false",
                _ => null,
            };
            if (level is not null)
            {
                counts[level] = counts.GetValueOrDefault(level) + 1;
            }
        }

        var ordered = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new LevelBar(p.Key, p.Value)).ToList();
        return (ordered.Take(MaxLevels).ToList(), ordered.Skip(MaxLevels).Sum(l => l.Count));
    }

    public static ColumnDistribution Of(ColumnProfile profile, Column column)
    {
        if (column is NumericColumn { Kind: ColumnKind.Numeric } numeric)
        {
            return Describe(profile, Histogram(numeric.Values), null, 0);
        }

        var (levels, other) = Levels(column);
        return Describe(profile, null, levels, other);
    }

    private static ColumnDistribution Describe(ColumnProfile p, IReadOnlyList<HistogramBin>? histogram, IReadOnlyList<LevelBar>? levels, long other) =>
        new(p.Name, p.Kind.ToString(), p.Count, p.Missing, p.Distinct, p.Min, p.Max, p.Mean, p.StdDev, histogram, levels, other);
}
