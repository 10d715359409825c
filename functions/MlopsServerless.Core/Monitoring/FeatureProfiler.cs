using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Monitoring;

/// <summary>Builds one column's <see cref="FeatureReference"/>.</summary>
internal static class FeatureProfiler
{
    public static FeatureReference Profile(Column column, DriftReferenceOptions options) => column switch
    {
        NumericColumn { Kind: ColumnKind.Boolean } b => Categorical(b.Name, ColumnValues.BooleanLevels(b)),
        NumericColumn n => Numeric(n, options),
        CategoricalColumn c => Categorical(c.Name, ColumnValues.Levels(c)),
        _ => throw new InvalidOperationException($"Unknown column type {column.GetType().Name}."),
    };

    private static FeatureReference Numeric(NumericColumn column, DriftReferenceOptions options)
    {
        var values = column.Values;
        var sampler = new ReservoirSampler(options.SampleSize, ReservoirSampler.SeedFor(options.Seed, column.Name));
        long missing = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                missing++;
            }
            else
            {
                sampler.Add(v);
            }
        }

        var sample = sampler.ToSortedArray();
        var edges = DriftStatistics.QuantileEdges(sample, options.Bins);
        var counts = DriftStatistics.BinCounts(values, edges);
        return new FeatureReference(
            column.Name,
            DriftFeatureKind.Numeric,
            values.Length,
            missing,
            edges,
            counts[..^1],
            DriftStatistics.StdDev(values),
            sample,
            null);
    }

    private static FeatureReference Categorical(string name, LevelCounts levels) =>
        new(name, DriftFeatureKind.Categorical, levels.Rows, levels.Missing, null, null, null, null,
            levels.Counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new LevelCount(p.Key, p.Value)).ToList());
}
