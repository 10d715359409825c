using System.Globalization;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Monitoring;

/// <summary>Reads a column as numbers or as levels, whatever kind it was loaded as, so reference and current can meet.</summary>
internal static class ColumnValues
{
    public const string False = "false";
    public const string True = "true";

    /// <summary>Level counts of a categorical column (levels with no rows left out).</summary>
    public static LevelCounts Levels(CategoricalColumn column)
    {
        var perCode = new long[column.Levels.Count];
        long missing = 0;
        foreach (var code in column.Codes)
        {
            if (code < 0)
            {
                missing++;
            }
            else
            {
                perCode[code]++;
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < perCode.Length; i++)
        {
            if (perCode[i] > 0)
            {
                counts[column.Levels[i]] = counts.GetValueOrDefault(column.Levels[i]) + perCode[i];
            }
        }

        return new LevelCounts(counts, column.Length, missing);
    }

    /// <summary>A boolean column as the levels "false" and "true".</summary>
    public static LevelCounts BooleanLevels(NumericColumn column) => NumberLevels(column, v => v == 0 ? False : True);

    /// <summary>A numeric column read as levels: booleans as "false"/"true", other numbers in invariant round-trip form.</summary>
    public static LevelCounts AsLevels(NumericColumn column) => column.Kind == ColumnKind.Boolean
        ? BooleanLevels(column)
        : NumberLevels(column, v => v.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>A categorical column read as numbers, or null when some level is not a number.</summary>
    public static double[]? AsNumbers(CategoricalColumn column)
    {
        var parsed = new double[column.Levels.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (!CellValues.TryParseNumber(column.Levels[i], out parsed[i]))
            {
                return null;
            }
        }

        var values = new double[column.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var code = column.Codes[i];
            values[i] = code < 0 ? double.NaN : parsed[code];
        }

        return values;
    }

    private static LevelCounts NumberLevels(NumericColumn column, Func<double, string> text)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long missing = 0;
        foreach (var v in column.Values)
        {
            if (double.IsNaN(v))
            {
                missing++;
                continue;
            }

            var level = text(v);
            counts[level] = counts.GetValueOrDefault(level) + 1;
        }

        return new LevelCounts(counts, column.Length, missing);
    }
}
