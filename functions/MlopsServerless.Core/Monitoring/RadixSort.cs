using System.Runtime.InteropServices;

namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// Sorts the non-missing doubles of a column by LSD radix sort on their order-preserving 64-bit keys: several times
/// faster than a comparison sort on a million values, and sorting the current data is most of a drift check's cost.
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Digits = (64 + DigitBits - 1) / DigitBits;

    /// <summary>The values that are not NaN, ascending (−0.0 before +0.0).</summary>
    public static double[] SortedPresent(ReadOnlySpan<double> values)
    {
        var keys = GC.AllocateUninitializedArray<ulong>(values.Length);
        var result = GC.AllocateUninitializedArray<double>(values.Length);
        var count = SortPresent(values, keys, result);
        return result.AsSpan(0, count).ToArray();
    }

    /// <summary>
    /// Writes the values that are not NaN, ascending, to the start of <paramref name="destination"/> and returns how many
    /// there are. <paramref name="keys"/> is working space; both need room for every value.
    /// </summary>
    public static int SortPresent(ReadOnlySpan<double> values, Span<ulong> keys, Span<double> destination)
    {
        var count = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                keys[count++] = ToKey(v);
            }
        }

        // The destination doubles as the scratch buffer, so sorting needs two buffers, not three.
        var sorted = Sort(keys[..count], MemoryMarshal.Cast<double, ulong>(destination[..count]));
        for (var i = 0; i < count; i++)
        {
            destination[i] = FromKey(sorted[i]);
        }

        return count;
    }

    private static Span<ulong> Sort(Span<ulong> keys, Span<ulong> scratch)
    {
        var histograms = new int[Digits * Buckets];
        foreach (var key in keys)
        {
            for (var d = 0; d < Digits; d++)
            {
                histograms[d * Buckets + (int)((key >> (d * DigitBits)) & (Buckets - 1))]++;
            }
        }

        var source = keys;
        var target = scratch;
        for (var d = 0; d < Digits; d++)
        {
            var histogram = histograms.AsSpan(d * Buckets, Buckets);
            if (histogram.Contains(keys.Length))
            {
                // Every key has the same digit here: the pass would not move anything.
                continue;
            }

            var offset = 0;
            for (var b = 0; b < Buckets; b++)
            {
                var size = histogram[b];
                histogram[b] = offset;
                offset += size;
            }

            var shift = d * DigitBits;
            foreach (var key in source)
            {
                target[histogram[(int)((key >> shift) & (Buckets - 1))]++] = key;
            }

            var swap = source;
            source = target;
            target = swap;
        }

        return source;
    }

    // Flips the sign bit of positives and every bit of negatives, so unsigned order is numeric order.
    private static ulong ToKey(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    private static double FromKey(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key);
}
