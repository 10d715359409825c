using System.Globalization;
using System.Text;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Tests.Datasets;

/// <summary>
/// The UTF-8 cell rules against their definitions: a number is what double.TryParse(text.Trim(), NumberStyles.Float,
/// InvariantCulture) gives when finite, to the bit; the missing and boolean tokens are the text rules' own answers.
/// </summary>
public sealed class CellValuesUtf8Tests
{
    private static readonly string[] EdgeNumbers =
    [
        "0", "-0", "+0", "0.0", "-0.0", "-0e5", "0e400", "1", "-1", "+5", ".5", "-.5", "5.", "-5.", ".", "-", "+", "", " ",
        "9007199254740992", "9007199254740993", "9007199254740991", "-9007199254740993", "9007199254740992e22", "9007199254740992e23",
        "9007199254740993e-22", "1e22", "1e23", "1e-22", "1e-23", "123456789e-22", "123456789e-23", "0.000000000000000000001",
        "1234567890123456789", "12345678901234567890", "1.7976931348623157e308", "1.7976931348623159e308", "1e400", "-1e400",
        "4.9e-324", "2.4703282292062327e-324", "2.2250738585072014e-308", "2.2250738585072011e-308", "1e-400", "-1e-400",
        "12345678901234567", "0.1", "0.2", "0.3", "-1.57064", "0.35110", "3.14159265358979323846", "1e", "1e+", "e5", "1e5.5",
        "1.2.3", "1,000", "1_000", "0x10", "0b1", "1f", "1d", "1m", "∞", "-∞", "Infinity", "-Infinity", "infinity", "NaN", "nan",
        "-NaN", " 5", "5 ", " -1.5 ", "\t7\r", "\u00A05", "5\u00A0", "\u20035\u2003", "\u30005", "５", "١٢", "1e0001", "1e99999",
        "00000000000000000001", "0000000000000000000000000001.5", "1E5", "1e-05", "1E+05", "--1", "+-1", "1-", "1e--5", "١",
    ];

    public static TheoryData<string> Edges() => [.. EdgeNumbers];

    [Theory]
    [MemberData(nameof(Edges))]
    public void TryParseNumber_EdgeCase_SameAcceptanceAndBitsAsDoubleTryParse(string text) => AssertSameAsDoubleTryParse(text);

    [Fact]
    public void TryParseNumber_GeneratedDecimals_SameBitsAsDoubleTryParse()
    {
        var random = new Random(20261204);
        for (var n = 0; n < 200_000; n++)
        {
            AssertSameAsDoubleTryParse(RandomDecimal(random));
        }
    }

    [Theory]
    [InlineData("0.35110", 0.35110)]
    [InlineData("-1.57064", -1.57064)]
    [InlineData("9007199254740992", 9007199254740992.0)]
    [InlineData("1e22", 1e22)]
    [InlineData("123e-22", 123e-22)]
    [InlineData("5.", 5.0)]
    [InlineData("+.5", 0.5)]
    public void TryParseExact_PlainDecimalWithinTheExactRange_TakesTheFastPath(string text, double expected)
    {
        Assert.True(Utf8Number.TryParseExact(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("1e23")]
    [InlineData("1e-23")]
    [InlineData("12345678901234567890")]
    [InlineData("Infinity")]
    [InlineData(" 5")]
    public void TryParseExact_OutsideTheExactRange_LeavesItToDoubleParse(string text) =>
        Assert.False(Utf8Number.TryParseExact(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("na")]
    [InlineData(" N/A ")]
    [InlineData("NULL")]
    [InlineData("None")]
    [InlineData("nan")]
    [InlineData("?")]
    [InlineData("\u00A0NaN\u00A0")]
    [InlineData("\tnull\r")]
    [InlineData("NAN1")]
    [InlineData("n")]
    [InlineData("no")]
    [InlineData("Non")]
    [InlineData("nonE ")]
    [InlineData("5")]
    [InlineData("-")]
    [InlineData("Ñ")]
    [InlineData("N/A\u0000")]
    [InlineData("                                     NA")]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData(" yes ")]
    [InlineData("Y")]
    [InlineData("t")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("FALSE")]
    [InlineData("No")]
    [InlineData("f")]
    [InlineData("yeſ")]
    [InlineData("\u0011")]
    [InlineData("\u0010")]
    [InlineData("truey")]
    [InlineData("1.0")]
    [InlineData("\u00A0true")]
    [InlineData("ｙｅｓ")]
    public void IsMissingAndTryParseBoolean_Utf8Cell_AnswerAsTheTextRules(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);

        Assert.Equal(CellValues.IsMissing(text), CellValues.IsMissing(utf8));
        Assert.Equal(CellValues.TryParseBoolean(text, out var expected), CellValues.TryParseBoolean(utf8, out var actual));
        Assert.Equal(expected, actual);
        Assert.Equal(text.Trim(), Encoding.UTF8.GetString(CellValues.Trim(utf8)));
    }

    private static void AssertSameAsDoubleTryParse(string text)
    {
        var expectedParsed = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var expected) && double.IsFinite(expected);

        var parsed = CellValues.TryParseNumber(Encoding.UTF8.GetBytes(text), out var value);

        Assert.True(expectedParsed == parsed, $"'{text}': double.TryParse says {expectedParsed}, the UTF-8 rule {parsed}");
        if (parsed)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value),
                $"'{text}': double.TryParse gives {expected:R}, the UTF-8 rule {value:R}");
        }
    }

    // Signs, 1-20 digits with the point anywhere (or nowhere), and sometimes an exponent: inside and well outside the
    // exact fast path's range.
    private static string RandomDecimal(Random random)
    {
        var text = new StringBuilder();
        text.Append(random.Next(4) switch { 0 => "-", 1 => "+", _ => "" });
        var digits = random.Next(1, 21);
        var point = random.Next(-1, digits + 1);
        for (var i = 0; i < digits; i++)
        {
            if (i == point)
            {
                text.Append('.');
            }

            text.Append((char)('0' + random.Next(10)));
        }

        if (point == digits)
        {
            text.Append('.');
        }

        if (random.Next(3) == 0)
        {
            text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(3) switch { 0 => "-", 1 => "+", _ => "" }).Append(random.Next(0, 40));
        }

        return text.ToString();
    }
}
