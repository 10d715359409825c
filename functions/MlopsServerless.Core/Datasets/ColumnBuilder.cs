using System.Text;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Datasets;

/// <summary>Turns one column's cell texts into a typed <see cref="Column"/>.</summary>
public abstract class ColumnBuilder
{
    /// <summary>A builder for a column of <paramref name="kind"/>.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="kind">What its cells hold.</param>
    /// <param name="expectedRows">The rows most likely to come (0 when unknown): memory for them is taken once, up front.</param>
    public static ColumnBuilder For(string name, ColumnKind kind, int expectedRows = 0) =>
        kind == ColumnKind.Categorical ? new CategoricalBuilder(name, expectedRows) : new NumericBuilder(name, kind, expectedRows);

    /// <summary>Adds one cell; <paramref name="line"/> is used in the error for a value of the wrong kind.</summary>
    public void Add(ReadOnlySpan<char> text, long line)
    {
        // The byte rules give the text rules' answers (CellValues), so text is read as its UTF-8.
        var utf8 = text.Length <= 64 ? stackalloc byte[64 * 3] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        Add(utf8[..Encoding.UTF8.GetBytes(text, utf8)], line);
    }

    /// <summary>Adds one cell given as its UTF-8 bytes, by the same rules as its text.</summary>
    public abstract void Add(ReadOnlySpan<byte> utf8, long line);

    /// <summary>The column of every cell added; the builder hands its memory over and is empty afterwards.</summary>
    public abstract Column Build();

    private sealed class NumericBuilder(string name, ColumnKind kind, int expectedRows) : ColumnBuilder
    {
        private readonly ChunkedBuffer<double> _values = new(expectedRows);

        public override void Add(ReadOnlySpan<byte> utf8, long line)
        {
            // Numbers first: no missing token parses as a finite number, and most cells are numbers.
            if (kind == ColumnKind.Numeric && CellValues.TryParseNumber(utf8, out var number))
            {
                _values.Add(number);
            }
            else if (CellValues.IsMissing(utf8))
            {
                _values.Add(double.NaN);
            }
            else if (kind == ColumnKind.Boolean && CellValues.TryParseBoolean(utf8, out var flag))
            {
                _values.Add(flag ? 1 : 0);
            }
            else
            {
                throw MlopsException.InvalidArgument($"Line {line}: column '{name}' is {kind} but holds '{Encoding.UTF8.GetString(utf8)}'.");
            }
        }

        public override Column Build() => new NumericColumn(name, kind, _values.Drain());
    }

    private sealed class CategoricalBuilder(string name, int expectedRows) : ColumnBuilder
    {
        private readonly ChunkedBuffer<int> _codes = new(expectedRows);

        // Levels by their UTF-8 bytes: a level already seen costs no string, and a cell given as bytes no decode.
        private readonly Utf8Levels _index = new();

        public override void Add(ReadOnlySpan<byte> utf8, long line) =>
            _codes.Add(CellValues.IsMissing(utf8) ? -1 : _index.FindOrAdd(CellValues.Trim(utf8)));

        public override Column Build() => new CategoricalColumn(name, _codes.Drain(), Enumerable.Range(0, _index.Count).Select(_index.Text).ToList());
    }
}
