using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Datasets;

/// <summary>Turns one column's cell texts into a typed <see cref="Column"/>.</summary>
public abstract class ColumnBuilder
{
    /// <summary>A builder for a column of <paramref name="kind"/>.</summary>
    public static ColumnBuilder For(string name, ColumnKind kind) =>
        kind == ColumnKind.Categorical ? new CategoricalBuilder(name) : new NumericBuilder(name, kind);

    /// <summary>Adds one cell; <paramref name="line"/> is used in the error for a value of the wrong kind.</summary>
    public abstract void Add(string text, long line);

    /// <summary>The column of every cell added; the builder hands its memory over and is empty afterwards.</summary>
    public abstract Column Build();

    private sealed class NumericBuilder(string name, ColumnKind kind) : ColumnBuilder
    {
        private readonly ChunkedBuffer<double> _values = new();

        public override void Add(string text, long line)
        {
            if (CellValues.IsMissing(text))
            {
                _values.Add(double.NaN);
            }
            else if (kind == ColumnKind.Boolean && CellValues.TryParseBoolean(text, out var flag))
            {
                _values.Add(flag ? 1 : 0);
            }
            else if (kind == ColumnKind.Numeric && CellValues.TryParseNumber(text, out var number))
            {
                _values.Add(number);
            }
            else
            {
                throw MlopsException.InvalidArgument($"Line {line}: column '{name}' is {kind} but holds '{text}'.");
            }
        }

        public override Column Build() => new NumericColumn(name, kind, _values.Drain());
    }

    private sealed class CategoricalBuilder(string name) : ColumnBuilder
    {
        private readonly ChunkedBuffer<int> _codes = new();
        private readonly List<string> _levels = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public override void Add(string text, long line)
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
                _levels.Add(value);
                _index[value] = code;
            }

            _codes.Add(code);
        }

        public override Column Build() => new CategoricalColumn(name, _codes.Drain(), _levels);
    }
}
