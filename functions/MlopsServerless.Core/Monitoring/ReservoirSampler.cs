namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// Seeded uniform sample of a stream in bounded memory: Li's Algorithm L (skips ahead geometrically, so a million
/// values cost a few thousand random draws) driven by SplitMix64, whose output is the same on every runtime.
/// </summary>
internal sealed class ReservoirSampler
{
    private readonly double[] _items;
    private readonly int _capacity;
    private ulong _state;
    private long _seen;
    private long _next;
    private double _w;

    public ReservoirSampler(int capacity, ulong seed)
    {
        _capacity = capacity;
        _items = new double[capacity];
        _state = seed;
        _w = Math.Exp(Math.Log(Uniform()) / capacity);
        _next = capacity - 1 + Skip();
    }

    public void Add(double value)
    {
        if (_seen < _capacity)
        {
            _items[_seen] = value;
        }
        else if (_seen == _next)
        {
            _items[(int)(NextBits() % (ulong)_capacity)] = value;
            _w *= Math.Exp(Math.Log(Uniform()) / _capacity);
            _next += Skip();
        }

        _seen++;
    }

    /// <summary>The sample, sorted ascending.</summary>
    public double[] ToSortedArray()
    {
        var items = _items.AsSpan(0, (int)Math.Min(_seen, _capacity)).ToArray();
        Array.Sort(items);
        return items;
    }

    /// <summary>A stable 64-bit seed for one column: FNV-1a of the name mixed with the caller's seed.</summary>
    public static ulong SeedFor(ulong seed, string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in name)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return seed ^ hash;
    }

    private long Skip() => (long)Math.Floor(Math.Log(Uniform()) / Math.Log(1 - _w)) + 1;

    // In (0, 1): never exactly 0, so the logarithms stay finite.
    private double Uniform() => ((NextBits() >> 11) + 0.5) * (1.0 / (1UL << 53));

    private ulong NextBits()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
