namespace MlopsServerless.Core.Datasets;

/// <summary>Accumulates one column's values in a single streaming pass and infers its kind at the end.</summary>
internal sealed class ColumnProfiler
{
    /// <summary>Above this many distinct values the exact count stops (memory stays bounded on high-cardinality text).</summary>
    internal const int DistinctCap = 10_000;

    private readonly Dictionary<string, long> _levels = new(StringComparer.Ordinal);

    // Looked up by span: a value already seen costs no string.
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _seen;
    private readonly string _name;
    private bool _capped;
    private bool _allNumeric = true;
    private bool _allBoolean = true;
    private long _count;
    private long _missing;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _mean;
    private double _m2;
    private long _numbers;

    public ColumnProfiler(string name)
    {
        _name = name;
        _seen = _levels.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public void Add(ReadOnlySpan<char> text)
    {
        _count++;
        if (CellValues.IsMissing(text))
        {
            _missing++;
            return;
        }

        var value = text.Trim();
        if (_allBoolean && !CellValues.TryParseBoolean(value, out _))
        {
            _allBoolean = false;
        }

        if (_allNumeric)
        {
            if (CellValues.TryParseNumber(value, out var number))
            {
                // Welford's update: numerically stable in one pass.
                _numbers++;
                var delta = number - _mean;
                _mean += delta / _numbers;
                _m2 += delta * (number - _mean);
                _min = Math.Min(_min, number);
                _max = Math.Max(_max, number);
            }
            else
            {
                _allNumeric = false;
            }
        }

        if (_seen.TryGetValue(value, out var seen))
        {
            _seen[value] = seen + 1;
        }
        else if (_levels.Count < DistinctCap)
        {
            _levels[value.ToString()] = 1;
        }
        else
        {
            _capped = true;
        }
    }

    public ColumnProfile Build()
    {
        var present = _count - _missing;
        var kind = present == 0 ? ColumnKind.Categorical
            : _allBoolean && _levels.Count <= 2 ? ColumnKind.Boolean
            : _allNumeric ? ColumnKind.Numeric
            : ColumnKind.Categorical;
        var numeric = kind == ColumnKind.Numeric && _numbers > 0;
        IReadOnlyList<LevelCount>? top = kind == ColumnKind.Numeric
            ? null
            : _levels.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(20)
                .Select(p => new LevelCount(p.Key, p.Value)).ToList();
        return new ColumnProfile(
            _name,
            kind,
            _count,
            _missing,
            _levels.Count,
            _capped,
            numeric ? _min : null,
            numeric ? _max : null,
            numeric ? _mean : null,
            numeric && _numbers > 1 ? Math.Sqrt(_m2 / (_numbers - 1)) : null,
            top);
    }
}
