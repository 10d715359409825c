using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// The distinct UTF-8 values of a column, each numbered in the order first seen: an open-addressing table over the bytes,
/// so looking up a cell costs no string and no decode. Valid UTF-8 and its text map one to one, so the values (and their
/// count) are those a string-keyed table would hold.
/// </summary>
internal sealed class Utf8Levels
{
    // Per process, so a file cannot be built to make every value collide.
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private byte[] _bytes = new byte[1 << 10];
    private int _byteCount;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private uint[] _hashes = new uint[16];

    // Slot -> level + 1 (0 = empty); kept at most half full.
    private int[] _slots = new int[32];

    // One bit per hash value (of 2^17): a value whose bit is clear is not in the table. Find runs on a capped column
    // (a text column of many distinct values, such as ids), where most lookups miss, and this small array answers them
    // without touching the table's larger, colder arrays. Built on the first Find, so the many tables that never look up
    // without adding do not carry 16 KiB each.
    private ulong[]? _filter;

    public int Count { get; private set; }

    /// <summary>The level of <paramref name="utf8"/>, or -1 when it has none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<byte> utf8)
    {
        if (_filter is null)
        {
            _filter = new ulong[(1 << 17) / 64];
            for (var level = 0; level < Count; level++)
            {
                Mark(_hashes[level]);
            }
        }

        var hash = Hash(utf8);
        return (_filter[(hash >> 6) & (uint)(_filter.Length - 1)] & (1UL << (int)hash)) == 0 ? -1 : Find(utf8, hash, out _);
    }

    /// <summary>The level of <paramref name="utf8"/>, numbered next when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int FindOrAdd(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var level = Find(utf8, hash, out var slot);
        if (level >= 0)
        {
            return level;
        }

        level = Count++;
        if (level == _starts.Length)
        {
            Array.Resize(ref _starts, level * 2);
            Array.Resize(ref _lengths, level * 2);
            Array.Resize(ref _hashes, level * 2);
        }

        if (_byteCount + utf8.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteCount + utf8.Length));
        }

        utf8.CopyTo(_bytes.AsSpan(_byteCount));
        _starts[level] = _byteCount;
        _lengths[level] = utf8.Length;
        _hashes[level] = hash;
        _byteCount += utf8.Length;
        _slots[slot] = level + 1;
        if (_filter is not null)
        {
            Mark(hash);
        }

        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return level;
    }

    private void Mark(uint hash) => _filter![(hash >> 6) & (uint)(_filter.Length - 1)] |= 1UL << (int)hash;

    /// <summary>The bytes of <paramref name="level"/>.</summary>
    public ReadOnlySpan<byte> Bytes(int level) => _bytes.AsSpan(_starts[level], _lengths[level]);

    /// <summary>The text of <paramref name="level"/>.</summary>
    public string Text(int level) => Encoding.UTF8.GetString(Bytes(level));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(ReadOnlySpan<byte> utf8, uint hash, out int slot)
    {
        var mask = _slots.Length - 1;
        slot = (int)(hash & mask);
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            var level = entry - 1;
            if (_hashes[level] == hash && utf8.SequenceEqual(_bytes.AsSpan(_starts[level], _lengths[level])))
            {
                return level;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var level = 0; level < Count; level++)
        {
            var slot = (int)(_hashes[level] & mask);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = level + 1;
        }
    }

    // Eight bytes at a time, multiplied and folded; a short tail is read as two overlapping words (cell values are short,
    // so this is a few instructions).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var h = (Seed ^ (ulong)utf8.Length) * Multiplier;
        while (utf8.Length > 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * Multiplier, 29);
            utf8 = utf8[8..];
        }

        var tail = utf8.Length switch
        {
            8 => BinaryPrimitives.ReadUInt64LittleEndian(utf8),
            >= 4 => BinaryPrimitives.ReadUInt32LittleEndian(utf8) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(utf8[^4..]) << 32),
            > 0 => (ulong)utf8[0] | ((ulong)utf8[utf8.Length / 2] << 8) | ((ulong)utf8[^1] << 16),
            _ => 0UL,
        };
        h = (h ^ tail) * Multiplier;
        return (uint)((h ^ (h >> 32)) * Multiplier >> 32);
    }
}
