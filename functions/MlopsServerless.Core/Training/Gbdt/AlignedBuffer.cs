using System.Runtime.CompilerServices;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// An array on the pinned heap whose usable part starts on a 64-byte boundary, so that whole-vector loads of
/// <see cref="VectorForest"/> never straddle two cache lines. Pinned, it never moves, so the alignment holds for life.
/// </summary>
internal sealed class AlignedBuffer<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    private readonly T[] _array;
    private readonly int _offset;

    public unsafe AlignedBuffer(int length)
    {
        _array = GC.AllocateArray<T>(length + (Alignment / sizeof(T)), pinned: true);
        var address = (nuint)Unsafe.AsPointer(ref _array[0]);
        _offset = (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(T);
        Length = length;
    }

    public int Length { get; }

    /// <summary>The usable elements; pin with <c>fixed</c> to take a pointer (free here: the array is already pinned).</summary>
    public Span<T> Span => _array.AsSpan(_offset, Length);
}
