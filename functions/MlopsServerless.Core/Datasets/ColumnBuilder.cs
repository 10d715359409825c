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
    public abstract void Add(ReadOnlySpan<char> text, long line);

    /// <summary>The column of every cell added; the builder hands its memory over and is empty afterwards.</summary>
    public abstract Column Build();

    private sealed class NumericBuilder(string name, ColumnKind kind, int expectedRows) : ColumnBuilder
    {
        private readonly ChunkedBuffer<double> _values = new(expectedRows);

        public override void Add(ReadOnlySpan<char> text, long line)
        {
            // Numbers first: no missing token parses as a finite number, and most cells are numbers.
            if (kind == ColumnKind.Numeric && CellValues.TryParseNumber(text, out var number))
            {
                _values.Add(number);
            }
            else if (CellValues.IsMissing(text))
            {
                _values.Add(double.NaN);
            }
            else if (kind == ColumnKind.Boolean && CellValues.TryParseBoolean(text, out var flag))
            {
                _values.Add(flag ? 1 : 0);
            }
            else
            {
                throw MlopsException.InvalidArgument($"Line {line}: column '{name}' is {kind} but holds '{text.ToString()}'.");
            }
        }

        public override Column Build() => new NumericColumn(name, kind, _values.Drain());
    }

    private sealed class CategoricalBuilder : ColumnBuilder
    {
        private readonly string _name;
        private readonly ChunkedBuffer<int> _codes;
        private readonly List<string> _levels = [];

        // Looked up by span: a level already seen costs no string.
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _index =
            new Dictionary<string, int>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        public CategoricalBuilder(string name, int expectedRows)
        {
            _name = name;
            _codes = new ChunkedBuffer<int>(expectedRows);
        }

        public override void Add(ReadOnlySpan<char> text, long line)
        {
            if (CellValues.IsMissing(text))
            {
                _codes.Add(-1);
                return;
            }

            var value = text.Trim();
            if (!_index.TryGetValue(value, out var code))
            {
                code = _levels.Count;
                var level = value.ToString();
                _levels.Add(level);
                _index.Dictionary[level] = code;
            }

            _codes.Add(code);
        }

        public override Column Build() => new CategoricalColumn(_name, _codes.Drain(), _levels);
    }
}
