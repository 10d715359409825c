using System.Runtime.CompilerServices;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// A run of CSV records copied out of a <see cref="CsvReader"/>, so that its columns can be consumed one at a time (each
/// column's state stays in cache) and on several cores at once. Bounded whatever the file: it is full at 4,096 records,
/// <see cref="MaxCells"/> cells or <see cref="MaxBytes"/> bytes, whichever comes first (one longer record still fits).
/// </summary>
internal sealed class RecordBlock
{
    public const int MaxCells = 1 << 17;
    public const int MaxBytes = 1 << 20;

    private readonly int _columns;
    private readonly int _maxRows;
    private readonly int[] _starts;
    private readonly int[] _ends;
    private byte[] _bytes = new byte[MaxBytes];
    private int _byteCount;

    public RecordBlock(int columns)
    {
        _columns = columns;
        _maxRows = Math.Clamp(MaxCells / Math.Max(columns, 1), 1, 4096);
        _starts = new int[_maxRows * columns];
        _ends = new int[_maxRows * columns];
    }

    public int Rows { get; private set; }

    /// <summary>Copies the last record <paramref name="reader"/> read; true when the block is then full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(CsvReader reader)
    {
        var cells = Rows * _columns;
        var record = reader.RecordBytes(_starts.AsSpan(cells, _columns), _ends.AsSpan(cells, _columns), _byteCount);
        if (_byteCount + record.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, _byteCount + record.Length);
        }

        record.CopyTo(_bytes.AsSpan(_byteCount));
        _byteCount += record.Length;
        Rows++;
        return Rows == _maxRows || _byteCount >= MaxBytes;
    }

    /// <summary>The UTF-8 bytes of <paramref name="column"/> in record <paramref name="row"/>.</summary>
    public ReadOnlySpan<byte> Cell(int row, int column)
    {
        var i = (row * _columns) + column;
        return _bytes.AsSpan(_starts[i], _ends[i] - _starts[i]);
    }

    public void Clear()
    {
        Rows = 0;
        _byteCount = 0;
    }
}
