namespace MlopsServerless.Core.Monitoring;

/// <summary>Seeded uniform sample of a stream in bounded memory (Algorithm R driven by SplitMix64, stable across runtimes).</summary>
internal sealed class ReservoirSampler(int capacity, ulong seed)
{
    private readonly List<double> _items = new(Math.Min(capacity, 1024));
    private ulong _state = seed;
    private long _seen;

    public void Add(double value)
    {
        _seen++;
        if (_items.Count < capacity)
        {
            _items.Add(value);
            return;
        }

        var slot = (long)(Next() % (ulong)_seen);
        if (slot < capacity)
        {
            _items[(int)slot] = value;
        }
    }

    /// <summary>The sample, sorted ascending.</summary>
    public double[] ToSortedArray()
    {
        var items = _items.ToArray();
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

    private ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
