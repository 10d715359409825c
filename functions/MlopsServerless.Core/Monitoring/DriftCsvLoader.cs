using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// Loads a CSV for <see cref="DriftAnalyzer.CompareCsvAsync"/> in one pass when it can: the kinds come from a profile of
/// the first megabyte and the row count is estimated from it, so <see cref="TableLoader"/> fills each column in place.
/// A kind the prefix cannot settle (a boolean-looking or still empty column: a later value could make it numeric or
/// text) is loaded as text and decided after the pass by the profiler's own rules. When the file contradicts a prefix
/// kind (a later value does not parse as a number) it falls back to profiling the whole file first, so the table, and
/// the report, are always those of the full profile.
/// </summary>
internal static class DriftCsvLoader
{
    private const int PrefixBytes = 1 << 20;

    public static async Task<Table> LoadAsync(Stream content, string which, CancellationToken cancellationToken)
    {
        if (!content.CanSeek)
        {
            var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            content = copy;
        }

        var start = content.Position;
        if (await PrefixSchemaAsync(content, cancellationToken).ConfigureAwait(false) is { } prefix)
        {
            content.Position = start;
            try
            {
                var loaded = await TableLoader.LoadAsync(content, prefix.Schema, prefix.EstimatedRows, cancellationToken).ConfigureAwait(false);
                return new Table(loaded.Columns.Select(c => prefix.Undecided.Contains(c.Name) ? Decide((CategoricalColumn)c) : c).ToList());
            }
            catch (MlopsException e) when (e.Code == ErrorCode.InvalidArgument)
            {
                // A later value contradicts the prefix (or the file is damaged): the full profile decides, or names the line.
            }
        }

        content.Position = start;
        (long Rows, IReadOnlyList<ColumnProfile> Columns) profile;
        try
        {
            // Kinds and counts only: a file compared for drift is not versioned, so it is not hashed.
            profile = await CsvProfiler.ProfileColumnsAsync(content, cancellationToken).ConfigureAwait(false);
        }
        catch (CsvFormatException e)
        {
            throw MlopsException.InvalidArgument($"The {which} CSV is not readable at line {e.Line}: {e.Message}");
        }

        content.Position = start;
        return await TableLoader.LoadAsync(content, profile.Columns, profile.Rows, cancellationToken).ConfigureAwait(false);
    }

    // Kinds from the whole lines of the first megabyte (undecided ones as categorical), or null when the prefix is unreadable.
    private static async Task<(IReadOnlyList<ColumnProfile> Schema, HashSet<string> Undecided, long EstimatedRows)?> PrefixSchemaAsync(Stream content, CancellationToken cancellationToken)
    {
        var remaining = content.Length - content.Position;
        var buffer = new byte[(int)Math.Min(PrefixBytes, remaining)];
        var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var whole = read == remaining ? read : Array.LastIndexOf(buffer, (byte)'\n', read - 1) + 1;
        if (whole <= 0)
        {
            return null;
        }

        (long Rows, IReadOnlyList<ColumnProfile> Columns) profile;
        try
        {
            profile = await CsvProfiler.ProfileColumnsAsync(new MemoryStream(buffer, 0, whole, writable: false), cancellationToken).ConfigureAwait(false);
        }
        catch (CsvFormatException)
        {
            return null;
        }

        if (profile.Rows == 0)
        {
            return null;
        }

        var undecided = profile.Columns.Where(c => c.Kind == ColumnKind.Boolean || c.Missing == c.Count).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var schema = profile.Columns.Select(c => undecided.Contains(c.Name) ? c with { Kind = ColumnKind.Categorical } : c).ToList();
        var estimate = read == remaining ? profile.Rows : (long)Math.Ceiling(profile.Rows * ((double)remaining / whole));
        return (schema, undecided, estimate);
    }

    // The kind the whole-file profile gives a column (ColumnProfiler's rules: no value -> categorical; at most two
    // distinct values, all boolean -> boolean; all numbers -> numeric; else categorical), with the loader's values.
    private static Column Decide(CategoricalColumn column)
    {
        if (column.Levels.Count == 0)
        {
            return column;
        }

        var flags = new double[column.Levels.Count];
        var allBoolean = column.Levels.Count <= 2;
        for (var i = 0; i < flags.Length && allBoolean; i++)
        {
            allBoolean = CellValues.TryParseBoolean(column.Levels[i], out var flag);
            flags[i] = flag ? 1 : 0;
        }

        var numbers = new double[column.Levels.Count];
        var allNumeric = !allBoolean;
        for (var i = 0; i < numbers.Length && allNumeric; i++)
        {
            allNumeric = CellValues.TryParseNumber(column.Levels[i], out numbers[i]);
        }

        if (!allBoolean && !allNumeric)
        {
            return column;
        }

        var byLevel = allBoolean ? flags : numbers;
        var values = new double[column.Length];
        for (var r = 0; r < values.Length; r++)
        {
            var code = column.Codes[r];
            values[r] = code < 0 ? double.NaN : byLevel[code];
        }

        return new NumericColumn(column.Name, allBoolean ? ColumnKind.Boolean : ColumnKind.Numeric, values);
    }
}
