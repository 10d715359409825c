namespace MlopsServerless.Core.Datasets;

/// <summary>
/// An append-only buffer in fixed-size chunks: growing never copies (a List doubles and copies, briefly holding up
/// to three times the data), and <see cref="Drain"/> hands the chunks back as it copies them into the final array.
/// </summary>
internal sealed class ChunkedBuffer<T>
{
    private const int ChunkSize = 1 << 16;
    private readonly List<T[]> _chunks = [];
    private int _inLast = ChunkSize;

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (_inLast == ChunkSize)
        {
            _chunks.Add(new T[ChunkSize]);
            _inLast = 0;
        }

        _chunks[^1][_inLast++] = value;
        Count++;
    }

    /// <summary>Copies everything into one array and empties the buffer.</summary>
    public T[] Drain()
    {
        var result = new T[Count];
        for (var i = 0; i < _chunks.Count; i++)
        {
            var length = Math.Min(ChunkSize, Count - (i * ChunkSize));
            _chunks[i].AsSpan(0, length).CopyTo(result.AsSpan(i * ChunkSize));
            _chunks[i] = [];
        }

        _chunks.Clear();
        _inLast = ChunkSize;
        Count = 0;
        return result;
    }
}
