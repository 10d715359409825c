namespace MlopsServerless.Core.Datasets;

/// <summary>
/// An append-only buffer in chunks: growing never copies (a List doubles and copies, briefly holding up to three times
/// the data). When the count is known up front (a dataset version's manifest records it) the first chunk is exactly that
/// size and <see cref="Drain"/> hands it over as it is, so the column is never held twice; otherwise chunks are fixed-size
/// and <see cref="Drain"/> lets go of each one as it copies it into the final array.
/// </summary>
internal sealed class ChunkedBuffer<T>
{
    private const int ChunkSize = 1 << 16;
    private readonly int _firstChunk;
    private readonly List<T[]> _chunks = [];
    private T[] _last = [];
    private int _inLast;

    /// <param name="expectedCount">How many values will most likely be added (0 when unknown); a wrong guess costs a copy, never a value.</param>
    public ChunkedBuffer(int expectedCount = 0) => _firstChunk = expectedCount > 0 ? expectedCount : ChunkSize;

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (_inLast == _last.Length)
        {
            _last = new T[_chunks.Count == 0 ? _firstChunk : ChunkSize];
            _chunks.Add(_last);
            _inLast = 0;
        }

        _last[_inLast++] = value;
        Count++;
    }

    /// <summary>Everything added, as one array; the buffer is empty afterwards.</summary>
    public T[] Drain()
    {
        T[] result;
        if (_chunks.Count == 1 && _inLast == _last.Length)
        {
            result = _last;
        }
        else
        {
            result = new T[Count];
            var at = 0;
            for (var i = 0; i < _chunks.Count; i++)
            {
                var length = Math.Min(_chunks[i].Length, Count - at);
                _chunks[i].AsSpan(0, length).CopyTo(result.AsSpan(at));
                at += length;
                _chunks[i] = [];
            }
        }

        _chunks.Clear();
        _last = [];
        _inLast = 0;
        Count = 0;
        return result;
    }
}
