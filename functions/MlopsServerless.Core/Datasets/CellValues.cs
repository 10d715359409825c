using System.Globalization;

namespace MlopsServerless.Core.Datasets;

/// <summary>How a CSV cell's text is read: the tokens that mean "missing", numbers, booleans.</summary>
public static class CellValues
{
    // Looked up by span as well, so loading a file never makes a string per cell.
    private static readonly HashSet<string> MissingTokens = new(StringComparer.OrdinalIgnoreCase) { "", "NA", "N/A", "null", "None", "NaN", "?" };
    private static readonly HashSet<string> TrueTokens = new(StringComparer.OrdinalIgnoreCase) { "true", "yes", "y", "t", "1" };
    private static readonly HashSet<string> FalseTokens = new(StringComparer.OrdinalIgnoreCase) { "false", "no", "n", "f", "0" };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Missing = MissingTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> True = TrueTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> False = FalseTokens.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True for an empty cell and for NA, N/A, null, None, NaN and ? (any case, surrounding spaces ignored).</summary>
    public static bool IsMissing(ReadOnlySpan<char> text) => Missing.Contains(text.Trim());

    /// <summary>Parses a number in invariant culture (1234.5, -1e-3); thousands separators are not numbers.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses true/false, yes/no, y/n, t/f and 1/0 (any case).</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var t = text.Trim();
        value = True.Contains(t);
        return value || False.Contains(t);
    }
}
