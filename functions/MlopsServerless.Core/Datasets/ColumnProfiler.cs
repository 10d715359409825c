using System.Runtime.CompilerServices;

namespace MlopsServerless.Core.Datasets;

/// <summary>Accumulates one column's values in a single streaming pass and infers its kind at the end.</summary>
internal sealed class ColumnProfiler
{
    /// <summary>Above this many distinct values the exact count stops (memory stays bounded on high-cardinality text).</summary>
    internal const int DistinctCap = 10_000;

    // Distinct values by their UTF-8 bytes (one to one with their text), with a count each.
    private readonly Utf8Levels _levels = new();
    private readonly string _name;
    private long[] _levelCounts = new long[16];
    private bool _capped;
    private bool _uncounted;
    private bool _allNumeric = true;
    private bool _allBoolean = true;
    private long _count;
    private long _missing;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _mean;
    private double _m2;
    private long _numbers;

    public ColumnProfiler(string name) => _name = name;

    /// <summary>Adds one cell, as the UTF-8 bytes of its text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<byte> utf8)
    {
        _count++;
        if (CellValues.IsMissing(utf8))
        {
            _missing++;
            return;
        }

        var value = CellValues.Trim(utf8);
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

        if (_capped && _allNumeric)
        {
            // Past the cap, a value is only looked up to count it for the top levels, which a number column has none
            // of: in a long numeric column these lookups were a fifth of an ingest. Should the column still turn out not
            // to be numeric, its level counts stop here, and its profile lists no top levels rather than wrong counts.
            _uncounted = true;
            return;
        }

        var level = _levels.Count < DistinctCap ? _levels.FindOrAdd(value) : _levels.Find(value);
        if (level < 0)
        {
            _capped = true;
            return;
        }

        if (level == _levelCounts.Length)
        {
            Array.Resize(ref _levelCounts, level * 2);
        }

        _levelCounts[level]++;
    }

    public ColumnProfile Build()
    {
        var present = _count - _missing;
        var kind = present == 0 ? ColumnKind.Categorical
            : _allBoolean && _levels.Count <= 2 ? ColumnKind.Boolean
            : _allNumeric ? ColumnKind.Numeric
            : ColumnKind.Categorical;
        var numeric = kind == ColumnKind.Numeric && _numbers > 0;
        IReadOnlyList<LevelCount>? top = kind == ColumnKind.Numeric || _uncounted
            ? null
            : Enumerable.Range(0, _levels.Count).Select(level => new LevelCount(_levels.Text(level), _levelCounts[level]))
                .OrderByDescending(p => p.Count).ThenBy(p => p.Value, StringComparer.Ordinal).Take(20).ToList();
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
