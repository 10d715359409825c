namespace MlopsServerless.Core.Datasets;

/// <summary>A CSV file that cannot be read, with the 1-based line where reading stopped.</summary>
public sealed class CsvFormatException(string code, long line, string message) : Exception(message)
{
    /// <summary>A machine-readable problem code, for example <c>ragged_row</c> or <c>not_utf8</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The 1-based line number of the problem.</summary>
    public long Line { get; } = line;
}
