namespace MlopsServerless.Core.Datasets;

/// <summary>
/// How large a CSV's parts may be before <see cref="CsvReader"/> stops with a problem instead of holding them in memory:
/// a file of one 200 MB line is refused after its first megabyte, not read whole.
/// </summary>
/// <param name="MaxRecordChars">Longest record (a line, or lines joined by a quoted line break). Defaults to 1,048,576.</param>
/// <param name="MaxFieldChars">Longest single value. Defaults to 262,144.</param>
/// <param name="MaxColumns">Most columns. Defaults to 10,000.</param>
/// <param name="MaxColumnNameChars">Longest column name in the header. Defaults to 256.</param>
public sealed record CsvLimits(int MaxRecordChars = 1 << 20, int MaxFieldChars = 1 << 18, int MaxColumns = 10_000, int MaxColumnNameChars = 256)
{
    /// <summary>The limits every reader uses unless given others.</summary>
    public static CsvLimits Default { get; } = new();
}
