using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Datasets;

/// <summary>Rows of typed columns in memory: what trainers, metrics and batch prediction work on.</summary>
public sealed class Table
{
    private readonly Dictionary<string, Column> _byName;

    /// <summary>Creates a table; every column must have the same length and a distinct name.</summary>
    public Table(IReadOnlyList<Column> columns)
    {
        Columns = columns;
        RowCount = columns.Count == 0 ? 0 : columns[0].Length;
        _byName = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length != RowCount)
            {
                throw MlopsException.InvalidArgument($"Column '{column.Name}' has {column.Length} rows, expected {RowCount}.");
            }

            if (!_byName.TryAdd(column.Name, column))
            {
                throw MlopsException.InvalidArgument($"Column '{column.Name}' appears twice.");
            }
        }
    }

    public IReadOnlyList<Column> Columns { get; }

    public int RowCount { get; }

    /// <summary>The column called <paramref name="name"/>.</summary>
    /// <exception cref="MlopsException">NotFound when there is no such column.</exception>
    public Column this[string name] =>
        _byName.TryGetValue(name, out var column) ? column : throw MlopsException.NotFound($"The data has no column '{name}'.");

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The rows at <paramref name="rows"/>, in that order; categorical levels are kept so codes stay comparable.</summary>
    public Table Select(IReadOnlyList<int> rows) => new(Columns.Select(c => SelectColumn(c, rows)).ToList());

    /// <summary>The same rows without the named column (for example the label).</summary>
    public Table Without(string name) => new(Columns.Where(c => c.Name != name).ToList());

    private static Column SelectColumn(Column column, IReadOnlyList<int> rows)
    {
        switch (column)
        {
            case NumericColumn n:
                var values = new double[rows.Count];
                for (var i = 0; i < rows.Count; i++)
                {
                    values[i] = n.Values[rows[i]];
                }

                return n with { Values = values };
            case CategoricalColumn c:
                var codes = new int[rows.Count];
                for (var i = 0; i < rows.Count; i++)
                {
                    codes[i] = c.Codes[rows[i]];
                }

                return c with { Codes = codes };
            default:
                throw new InvalidOperationException($"Unknown column type {column.GetType().Name}.");
        }
    }
}
