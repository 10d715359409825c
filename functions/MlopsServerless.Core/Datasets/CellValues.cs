using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// How a CSV cell's text is read: the tokens that mean "missing", numbers, booleans. Every rule is given for text and for
/// its UTF-8 bytes, with the same answer for both.
/// </summary>
public static class CellValues
{
    // Longest cell, in UTF-8 bytes, that can be a missing or boolean token: 5 characters of up to 3 bytes, plus the
    // white space around them is trimmed first, so only longer cells whose ends are not white space are ruled out by length.
    private const int MaxTokenBytes = 16;

    // Looked up by span as well, so loading a file never makes a string per cell.
    private static readonly HashSet<string> MissingTokens = new(StringComparer.OrdinalIgnoreCase) { "", "NA", "N/A", "null", "None", "NaN", "?" };
    private static readonly HashSet<string> TrueTokens = new(StringComparer.OrdinalIgnoreCase) { "true", "yes", "y", "t", "1" };
    private static readonly HashSet<string> FalseTokens = new(StringComparer.OrdinalIgnoreCase) { "false", "no", "n", "f", "0" };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Missing = MissingTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> True = TrueTokens.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> False = FalseTokens.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True for an empty cell and for NA, N/A, null, None, NaN and ? (any case, surrounding spaces ignored).</summary>
    public static bool IsMissing(ReadOnlySpan<char> text) => Missing.Contains(text.Trim());

    /// <summary>The rule of <see cref="IsMissing(ReadOnlySpan{char})"/> for the UTF-8 bytes of a cell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsMissing(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return true;
        }

        // Every token starts with n, N or ?, so a cell that starts with any other visible ASCII character (a digit, a
        // sign, a letter) is not one: the common case costs one comparison.
        var first = utf8[0];
        if (first < 0x80 && !IsAsciiWhiteSpace(first) && (first | 0x20) != 'n' && first != '?')
        {
            return false;
        }

        // Every token is at most MaxTokenBytes once trimmed: a longer cell is decided without making its text.
        var trimmed = Trim(utf8);
        return trimmed.Length <= MaxTokenBytes && IsMissingText(trimmed);
    }

    /// <summary>Parses a number in invariant culture (1234.5, -1e-3); thousands separators are not numbers.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// The rule of <see cref="TryParseNumber(ReadOnlySpan{char}, out double)"/> for the UTF-8 bytes of a cell, to the same
    /// bits: the bytes trimmed as the text is, then the same parser over UTF-8 (no decoding, no string for a long cell).
    /// </summary>
    // HasPlainEnds inlines; Trim is a call, which only the padded cells pay.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseNumber(ReadOnlySpan<byte> utf8, out double value) =>
        Utf8Number.TryParse(HasPlainEnds(utf8) ? utf8 : Trim(utf8), out value) && double.IsFinite(value);

    /// <summary>Parses true/false, yes/no, y/n, t/f and 1/0 (any case).</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var t = text.Trim();
        value = True.Contains(t);
        return value || False.Contains(t);
    }

    /// <summary>The rule of <see cref="TryParseBoolean(ReadOnlySpan{char}, out bool)"/> for the UTF-8 bytes of a cell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseBoolean(ReadOnlySpan<byte> utf8, out bool value)
    {
        if (HasPlainEnds(utf8))
        {
            value = false;
            if (utf8.Length > MaxTokenBytes)
            {
                return false;
            }

            if (Ascii.IsValid(utf8))
            {
                if (utf8.Length > 5)
                {
                    return false;
                }

                // ASCII needs no decoding, and ignoring case is lowering A-Z.
                Span<byte> lower = stackalloc byte[5];
                for (var i = 0; i < utf8.Length; i++)
                {
                    lower[i] = utf8[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(utf8[i] | 0x20) : utf8[i];
                }

                var token = lower[..utf8.Length];
                value = token.SequenceEqual("true"u8) || token.SequenceEqual("yes"u8) || token.SequenceEqual("y"u8) || token.SequenceEqual("t"u8) || token.SequenceEqual("1"u8);
                return value || token.SequenceEqual("false"u8) || token.SequenceEqual("no"u8) || token.SequenceEqual("n"u8) || token.SequenceEqual("f"u8)
                    || token.SequenceEqual("0"u8);
            }
        }

        return TryParseBooleanText(utf8, out value);
    }

    /// <summary>The UTF-8 bytes of a cell without the white space around it (the bytes of <c>text.Trim()</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> utf8)
    {
        if (HasPlainEnds(utf8))
        {
            return utf8;
        }

        var start = 0;
        while (start < utf8.Length && Rune.DecodeFromUtf8(utf8[start..], out var rune, out var size) == OperationStatus.Done && Rune.IsWhiteSpace(rune))
        {
            start += size;
        }

        var end = utf8.Length;
        while (end > start && Rune.DecodeLastFromUtf8(utf8[start..end], out var rune, out var size) == OperationStatus.Done && Rune.IsWhiteSpace(rune))
        {
            end -= size;
        }

        return utf8[start..end];
    }

    /// <summary>True when the first and last bytes are ASCII and not white space: such a cell trims to itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool HasPlainEnds(ReadOnlySpan<byte> utf8) =>
        !utf8.IsEmpty && utf8[0] < 0x80 && utf8[^1] < 0x80 && !IsAsciiWhiteSpace(utf8[0]) && !IsAsciiWhiteSpace(utf8[^1]);

    // The ASCII characters char.IsWhiteSpace accepts.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiWhiteSpace(byte b) => b == ' ' || (uint)(b - '\t') <= '\r' - '\t';

    // The cells the byte rules do not settle go through the text rule itself, so both always agree. Kept out of line so
    // that the byte rules stay small enough to inline.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsMissingText(ReadOnlySpan<byte> utf8)
    {
        Span<char> buffer = stackalloc char[MaxTokenBytes];
        return IsMissing(Text(utf8, buffer));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseBooleanText(ReadOnlySpan<byte> utf8, out bool value)
    {
        Span<char> buffer = stackalloc char[MaxTokenBytes];
        return TryParseBoolean(Text(utf8, buffer), out value);
    }

    private static ReadOnlySpan<char> Text(ReadOnlySpan<byte> utf8, Span<char> buffer) =>
        utf8.Length <= buffer.Length ? buffer[..Encoding.UTF8.GetChars(utf8, buffer)] : Encoding.UTF8.GetString(utf8);
}
