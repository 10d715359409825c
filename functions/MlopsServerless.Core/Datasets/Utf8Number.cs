using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// Parses the plain decimals most CSV numbers are ([+-]digits[.digits][e[+-]digits], ASCII) straight from UTF-8 with
/// Clinger's exact fast path: a mantissa of at most 2^53 and a power of ten of at most 22 are both exact doubles, so one
/// multiplication or division rounds correctly, to the same bits double.Parse gives. Everything else goes to
/// double.TryParse on the same bytes, so the result never differs from it.
/// </summary>
internal static class Utf8Number
{
    private const ulong MaxExactMantissa = 1UL << 53;
    private const int MaxExactPower = 22;
    private const int MaxDigits = 19;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// double.TryParse(<paramref name="utf8"/>, NumberStyles.Float, InvariantCulture) for text that has no surrounding
    /// white space (the caller trims).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value) =>
        TryParseExact(utf8, out value) || double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>True, with the correctly rounded value, when <paramref name="utf8"/> is a plain decimal the fast path covers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseExact(ReadOnlySpan<byte> utf8, out double value)
    {
        value = 0;
        var length = utf8.Length;
        ref var text = ref MemoryMarshal.GetReference(utf8);
        var i = 0;
        var negative = false;
        if (length > 0 && text is (byte)'-' or (byte)'+')
        {
            negative = text == '-';
            i++;
        }

        ulong mantissa = 0;
        var start = i;
        uint digit;
        while (i < length && (digit = (uint)(Unsafe.Add(ref text, i) - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + digit;
            i++;
        }

        var digits = i - start;
        var fractionDigits = 0;
        if (i < length && Unsafe.Add(ref text, i) == '.')
        {
            start = ++i;
            while (i < length && (digit = (uint)(Unsafe.Add(ref text, i) - '0')) <= 9)
            {
                mantissa = (mantissa * 10) + digit;
                i++;
            }

            fractionDigits = i - start;
            digits += fractionDigits;
        }

        // Too many digits may have overflowed the mantissa; none at all is not a number (".", "-", "e5").
        if (digits is 0 or > MaxDigits)
        {
            return false;
        }

        var exponent = 0;
        var negativeExponent = false;
        if (i < length && (Unsafe.Add(ref text, i) | 0x20) == 'e')
        {
            if (++i < length && Unsafe.Add(ref text, i) is (byte)'-' or (byte)'+')
            {
                negativeExponent = Unsafe.Add(ref text, i) == '-';
                i++;
            }

            start = i;
            while (i < length && (digit = (uint)(Unsafe.Add(ref text, i) - '0')) <= 9)
            {
                if (i - start == 4)
                {
                    return false;
                }

                exponent = (exponent * 10) + (int)digit;
                i++;
            }

            if (i == start)
            {
                return false;
            }

            exponent = negativeExponent ? -exponent : exponent;
        }

        if (i != length || mantissa > MaxExactMantissa)
        {
            return false;
        }

        exponent -= fractionDigits;
        if (exponent is < -MaxExactPower or > MaxExactPower)
        {
            return false;
        }

        double result = mantissa;
        result = exponent < 0 ? result / PowersOfTen[-exponent] : result * PowersOfTen[exponent];
        value = negative ? -result : result;
        return true;
    }
}
