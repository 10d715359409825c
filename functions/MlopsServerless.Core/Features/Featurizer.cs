using System.Globalization;
using System.Runtime.CompilerServices;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Features;

/// <summary>
/// Turns a <see cref="Table"/> into the rows linear models fit (<see cref="SparseFeatureMatrix"/>): imputation,
/// standardization and one-hot encoding, fitted on training data and saved inside the model body. A plain record so it
/// serializes as part of the model file; <see cref="TransformSparse"/> never throws on unseen levels, missing values or
/// absent columns.
/// </summary>
public sealed record Featurizer(IReadOnlyList<FeatureEncoder> Encoders)
{
    /// <summary>Fits one encoder per column in <paramref name="columns"/> (in that order) on <paramref name="table"/>.</summary>
    /// <exception cref="MlopsException">NotFound when a column is absent; InvalidArgument when the table has no rows.</exception>
    public static Featurizer Fit(Table table, IReadOnlyList<string> columns, FeaturizerOptions options)
    {
        if (table.RowCount == 0)
        {
            throw MlopsException.InvalidArgument("Cannot fit features on an empty table; the training data has no rows.");
        }

        return new Featurizer(columns.Select(name => FitColumn(table[name], options)).ToList());
    }

    /// <summary>The number of feature columns (one-hot columns counted one by one).</summary>
    public int Width() => Encoders.Sum(e => e.Width());

    /// <summary>The names of the output columns, in matrix order.</summary>
    public IReadOnlyList<string> OutputNames() => Encoders.SelectMany(e => e.OutputNames()).ToList();

    /// <summary>
    /// Encodes every row of <paramref name="table"/>, each categorical input as the index of its one-hot column instead of
    /// a block of zeros. Categorical values are matched by their text; an unseen level goes to "other"; a missing value
    /// (or a column the table lacks) is imputed. A column of a different kind than in training is read through its text.
    /// </summary>
    public SparseFeatureMatrix TransformSparse(Table table)
    {
        var rows = table.RowCount;
        List<int> denseColumns = [];
        var hotCount = 0;
        var offset = 0;
        foreach (var encoder in Encoders)
        {
            if (encoder.Kind != ColumnKind.Categorical)
            {
                denseColumns.Add(offset);
            }
            else
            {
                hotCount++;
            }

            if (encoder.MissingIndicator)
            {
                denseColumns.Add(offset + encoder.Width() - 1);
            }

            offset += encoder.Width();
        }

        var layout = new Layout(rows, denseColumns.Count, hotCount, new double[rows * denseColumns.Count], new int[rows * hotCount]);
        offset = 0;
        var denseSlot = 0;
        var hotSlot = 0;
        foreach (var encoder in Encoders)
        {
            var column = table.Contains(encoder.Name) ? table[encoder.Name] : null;
            var indicatorSlot = encoder.MissingIndicator ? denseSlot + (encoder.Kind == ColumnKind.Categorical ? 0 : 1) : -1;
            if (encoder.Kind == ColumnKind.Categorical)
            {
                WriteCategorical(encoder, column, layout, offset, hotSlot++, indicatorSlot);
            }
            else
            {
                WriteNumeric(encoder, column, layout, denseSlot, indicatorSlot);
            }

            denseSlot += (encoder.Kind == ColumnKind.Categorical ? 0 : 1) + (encoder.MissingIndicator ? 1 : 0);
            offset += encoder.Width();
        }

        return new SparseFeatureMatrix(rows, offset, denseColumns.ToArray(), layout.Dense, hotCount, layout.Hot);
    }

    private static FeatureEncoder FitColumn(Column column, FeaturizerOptions options)
    {
        var hasMissing = Enumerable.Range(0, column.Length).Any(column.IsMissing);
        var indicator = options.MissingIndicators && hasMissing;
        switch (column)
        {
            case NumericColumn { Kind: ColumnKind.Boolean } b:
                var ones = b.Values.Count(v => v == 1);
                var zeros = b.Values.Count(v => v == 0);
                return new FeatureEncoder(b.Name, ColumnKind.Boolean, ones > zeros ? 1 : 0, 0, 1, [], null, indicator);
            case NumericColumn n:
                var median = Median(n.Values);
                var (mean, scale) = MeanAndScale(n.Values, median);
                return new FeatureEncoder(n.Name, ColumnKind.Numeric, median, mean, scale, [], null, indicator);
            case CategoricalColumn c:
                var (levels, fillLevel) = KeptLevels(c, options);
                return new FeatureEncoder(c.Name, ColumnKind.Categorical, 0, 0, 1, levels, fillLevel, indicator);
            default:
                throw MlopsException.InvalidArgument($"Column '{column.Name}' has an unsupported type.");
        }
    }

    // The median of the present values; 0 when every value is missing (the column then carries no information).
    private static double Median(double[] values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        if (present.Length == 0)
        {
            return 0;
        }

        Array.Sort(present);
        var mid = present.Length / 2;
        return present.Length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    }

    // Mean and population standard deviation after imputation, as an imputer followed by a standard scaler computes them.
    // A (near) constant column gets scale 1 so it becomes all zeros instead of dividing by zero.
    private static (double Mean, double Scale) MeanAndScale(double[] values, double fill)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += double.IsNaN(v) ? fill : v;
        }

        var mean = sum / values.Length;
        double squares = 0;
        foreach (var v in values)
        {
            var d = (double.IsNaN(v) ? fill : v) - mean;
            squares += d * d;
        }

        var std = Math.Sqrt(squares / values.Length);
        return (mean, std <= 1e-12 * Math.Max(1, Math.Abs(mean)) ? 1 : std);
    }

    private static (List<string> Levels, string? FillLevel) KeptLevels(CategoricalColumn column, FeaturizerOptions options)
    {
        var counts = new int[column.Levels.Count];
        foreach (var code in column.Codes)
        {
            if (code >= 0)
            {
                counts[code]++;
            }
        }

        // Most frequent first, ties by text, so which levels survive the cap does not depend on the file's level order.
        var ranked = Enumerable.Range(0, counts.Length)
            .Where(i => counts[i] > 0)
            .OrderByDescending(i => counts[i])
            .ThenBy(i => column.Levels[i], StringComparer.Ordinal)
            .ToList();
        var kept = ranked.Where(i => counts[i] >= options.MinFrequency).Take(options.MaxLevels).ToList();
        var fill = ranked.Count > 0 && kept.Contains(ranked[0]) ? column.Levels[ranked[0]] : null;
        return (kept.Select(i => column.Levels[i]).Order(StringComparer.Ordinal).ToList(), fill);
    }

    private static void WriteNumeric(FeatureEncoder encoder, Column? column, Layout layout, int slot, int indicatorSlot)
    {
        for (var row = 0; row < layout.Rows; row++)
        {
            var raw = NumberAt(column, row);
            var missing = double.IsNaN(raw);
            var x = missing ? encoder.Fill : raw;
            layout.Dense[(row * layout.DenseWidth) + slot] = (x - encoder.Mean) / encoder.Scale;
            if (indicatorSlot >= 0)
            {
                layout.Dense[(row * layout.DenseWidth) + indicatorSlot] = missing ? 1 : 0;
            }
        }
    }

    private static void WriteCategorical(FeatureEncoder encoder, Column? column, Layout layout, int offset, int hotSlot, int indicatorSlot)
    {
        var position = LevelPositions.GetValue(encoder, Positions);
        var other = encoder.Levels.Count;
        var fill = encoder.FillLevel is not null && position.TryGetValue(encoder.FillLevel, out var f) ? f : other;

        // Map the table's own level codes to ours as they occur, instead of hashing text per row (and without hashing
        // every level of a column when a few rows use a few of them).
        var byCode = column is CategoricalColumn c ? new int[c.Levels.Count] : [];
        byCode.AsSpan().Fill(-1);
        for (var row = 0; row < layout.Rows; row++)
        {
            int slot;
            bool missing;
            if (column is CategoricalColumn categorical)
            {
                var code = categorical.Codes[row];
                missing = code < 0;
                if (missing)
                {
                    slot = fill;
                }
                else
                {
                    slot = byCode[code];
                    if (slot < 0)
                    {
                        slot = byCode[code] = position.TryGetValue(categorical.Levels[code], out var p) ? p : other;
                    }
                }
            }
            else
            {
                var text = TextAt(column, row);
                missing = text is null;
                slot = missing ? fill : position.TryGetValue(text!, out var p) ? p : other;
            }

            layout.Hot[(row * layout.HotCount) + hotSlot] = offset + slot;
            if (indicatorSlot >= 0)
            {
                layout.Dense[(row * layout.DenseWidth) + indicatorSlot] = missing ? 1 : 0;
            }
        }
    }

    // Each encoder's level -> one-hot position map, built once per encoder instance (a served model transforms one row
    // per request, and building the map was most of that request's featurization). Weakly keyed: it goes with the model.
    private static readonly ConditionalWeakTable<FeatureEncoder, Dictionary<string, int>> LevelPositions = new();

    private static Dictionary<string, int> Positions(FeatureEncoder encoder)
    {
        var position = new Dictionary<string, int>(encoder.Levels.Count, StringComparer.Ordinal);
        for (var i = 0; i < encoder.Levels.Count; i++)
        {
            position[encoder.Levels[i]] = i;
        }

        return position;
    }

    private static double NumberAt(Column? column, int row) => column switch
    {
        NumericColumn n => n.Values[row],
        CategoricalColumn c when c.ValueAt(row) is { } text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : bool.TryParse(text, out var flag) ? (flag ? 1 : 0) : double.NaN,
        _ => double.NaN,
    };

    private static string? TextAt(Column? column, int row) => column is null ? null : Training.LabelEncoding.TextAt(column, row);

    // Where TransformSparse writes: the dense values (DenseWidth per row) and the hot columns (HotCount per row).
    private sealed record Layout(int Rows, int DenseWidth, int HotCount, double[] Dense, int[] Hot);
}
