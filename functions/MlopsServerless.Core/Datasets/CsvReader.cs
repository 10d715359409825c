using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// Reads RFC 4180 CSV from a stream one record at a time, never holding the whole file: quoted fields with commas,
/// doubled quotes and line breaks, LF or CRLF line ends, strict UTF-8 (a byte sequence that is not UTF-8 is an error,
/// not a replacement character, reported on the exact line of the bad byte). Every record must have as many fields as
/// the header. <see cref="ReadFieldsAsync"/> keeps the fields in a reused buffer, as UTF-8 (<see cref="Utf8Field"/>), so
/// reading a large file makes no string per cell; <see cref="CsvLimits"/> bound how much one record may hold. The bytes
/// are scanned as they are: a buffer is checked as UTF-8 at once (vectorized), and nothing is decoded to text.
/// </summary>
public sealed class CsvReader : IDisposable
{
    // UTF-8 never uses these byte values inside a multi-byte sequence, so they are found by scanning bytes.
    private static readonly SearchValues<byte> Special = SearchValues.Create(",\"\r\n\0"u8);
    private static readonly SearchValues<byte> SpecialInQuotes = SearchValues.Create("\"\n\0"u8);
    private static readonly SearchValues<byte> PlainBreakers = SearchValues.Create("\"\r\0"u8);
    private readonly Stream _stream;
    private readonly CsvLimits _limits;

    // Read bytes: [_position, _length) checked as UTF-8 and not scanned yet, [_length, _byteEnd) not checked yet.
    private readonly byte[] _bytes = new byte[1 << 16];
    private int _byteEnd;
    private bool _ascii;
    private bool _endOfStream;
    private bool _invalidAhead;
    private bool _loneCr;
    private char[]? _scratch;

    // The record: its fields' bytes end to end, where each ends, and its length in UTF-16 characters (what limits count).
    // A plain line's fields are not copied: they are read where they lie in the buffer, between their commas (_inBuffer).
    private byte[] _record = new byte[1 << 10];
    private bool _inBuffer;
    private int[] _fieldStarts = new int[64];
    private int[] _fieldEnds = new int[64];
    private int _recordBytes;
    private int _fieldStart;
    private int _charCount;
    private int _fieldStartChars;
    private bool _inQuotes;
    private bool _quotedField;
    private bool _quoteInQuotes;
    private int _position;
    private int _length;
    private long _line = 1;

    /// <summary>Reads <paramref name="stream"/> (left open) within <paramref name="limits"/> (default <see cref="CsvLimits.Default"/>).</summary>
    public CsvReader(Stream stream, CsvLimits? limits = null)
    {
        _stream = stream;
        _limits = limits ?? CsvLimits.Default;
    }

    /// <summary>The header's column names, after <see cref="ReadHeaderAsync"/>.</summary>
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>The 1-based line on which the last record returned started.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Fields in the record <see cref="ReadFieldsAsync"/> read last.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The UTF-8 bytes (valid UTF-8) of field <paramref name="index"/> of the last record; valid until the next read.</summary>
    public ReadOnlySpan<byte> Utf8Field(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FieldCount);
        return (_inBuffer ? _bytes : _record).AsSpan(_fieldStarts[index], _fieldEnds[index] - _fieldStarts[index]);
    }

    /// <summary>
    /// The bytes of the last record's fields (from the first field's start to the last one's end), with where each field
    /// starts and ends written to <paramref name="starts"/> and <paramref name="ends"/> (<see cref="FieldCount"/> each), as
    /// offsets in those bytes plus <paramref name="at"/> (where the caller puts them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal ReadOnlySpan<byte> RecordBytes(Span<int> starts, Span<int> ends, int at)
    {
        var shift = at - _fieldStarts[0];
        for (var i = 0; i < FieldCount; i++)
        {
            starts[i] = _fieldStarts[i] + shift;
            ends[i] = _fieldEnds[i] + shift;
        }

        var first = _fieldStarts[0];
        return (_inBuffer ? _bytes : _record).AsSpan(first, _fieldEnds[FieldCount - 1] - first);
    }

    /// <summary>Reads the header record.</summary>
    /// <exception cref="CsvFormatException">empty, not UTF-8, not CSV (JSON, HTML), empty, duplicate or overlong column names, binary content.</exception>
    public async Task<IReadOnlyList<string>> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        if (await EnsureAsync(cancellationToken).ConfigureAwait(false))
        {
            CheckLooksLikeCsv();
        }

        if (!await ReadAnyRecordAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new CsvFormatException("empty_file", 1, "The file is empty: expected a header row naming the columns.");
        }

        if (_loneCr)
        {
            throw new CsvFormatException(
                "cr_line_endings", 1, "The lines end in a carriage return alone (the old Mac format), so the whole file reads as one line. Save it as CSV with LF or CRLF line ends.");
        }

        var header = Fields();
        if (header.Count > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF')
        {
            header[0] = header[0][1..];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                throw new CsvFormatException("empty_column_name", 1, $"Column {i + 1} of the header has no name.");
            }

            if (name.Length > _limits.MaxColumnNameChars)
            {
                throw new CsvFormatException(
                    "column_name_too_long", 1, $"The name of column {i + 1} is {name.Length} characters long; the limit is {_limits.MaxColumnNameChars}. Is the first line really a header?");
            }

            if (!seen.Add(name))
            {
                throw new CsvFormatException("duplicate_column", 1, $"The header names column '{name}' twice; column names must be unique.");
            }

            header[i] = name;
        }

        Header = header;
        return header;
    }

    /// <summary>Reads the next record as strings, or null at the end of the file. A blank final line is not a record.</summary>
    /// <exception cref="CsvFormatException">a record with a different number of fields than the header, an unclosed quote, not UTF-8.</exception>
    public async Task<IReadOnlyList<string>?> ReadRecordAsync(CancellationToken cancellationToken) =>
        await ReadFieldsAsync(cancellationToken).ConfigureAwait(false) ? Fields() : null;

    /// <summary>
    /// Reads the next record into <see cref="Utf8Field"/> and <see cref="FieldCount"/>; false at the end of the file. Blank
    /// lines are skipped.
    /// </summary>
    /// <exception cref="CsvFormatException">a record with a different number of fields than the header, an unclosed quote, not UTF-8.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask<bool> ReadFieldsAsync(CancellationToken cancellationToken)
    {
        // Most records lie whole in the decoded buffer: those are read without an async call, which would cost more
        // than the parsing.
        while (_position < _length)
        {
            BeginRecord();
            if (!ScanPlainRecord() && !ScanBuffer())
            {
                return ReadFieldsSlowAsync(resume: true, cancellationToken);
            }

            if (IsRecord())
            {
                return ValueTask.FromResult(true);
            }
        }

        return ReadFieldsSlowAsync(resume: false, cancellationToken);
    }

    private async ValueTask<bool> ReadFieldsSlowAsync(bool resume, CancellationToken cancellationToken)
    {
        if (resume)
        {
            await FinishRecordAsync(cancellationToken).ConfigureAwait(false);
            if (IsRecord())
            {
                return true;
            }
        }

        while (await ReadAnyRecordAsync(cancellationToken).ConfigureAwait(false))
        {
            if (IsRecord())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>False for a blank line; throws for a record with the wrong number of fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsRecord()
    {
        if (FieldCount == 1 && _recordBytes == 0)
        {
            return false;
        }

        if (FieldCount != Header.Count)
        {
            throw new CsvFormatException(
                "ragged_row",
                RecordLine,
                $"Line {RecordLine} has {FieldCount} fields but the header has {Header.Count}. Check for a missing or extra comma, or an unquoted comma inside a value.");
        }

        return true;
    }

    private List<string> Fields()
    {
        var fields = new List<string>(FieldCount);
        for (var i = 0; i < FieldCount; i++)
        {
            fields.Add(Encoding.UTF8.GetString(Utf8Field(i)));
        }

        return fields;
    }

    private async ValueTask<bool> ReadAnyRecordAsync(CancellationToken cancellationToken)
    {
        if (!await EnsureAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        BeginRecord();
        await FinishRecordAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BeginRecord()
    {
        RecordLine = _line;
        FieldCount = 0;
        _recordBytes = 0;
        _fieldStart = 0;
        _inBuffer = false;
        _charCount = 0;
        _fieldStartChars = 0;
        _inQuotes = false;
        _quotedField = false;
        _quoteInQuotes = false;
    }

    /// <summary>Reads on, refilling the buffer, until the record begun ends at a line end or the end of the file.</summary>
    private async ValueTask FinishRecordAsync(CancellationToken cancellationToken)
    {
        while (await EnsureAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ScanBuffer())
            {
                return;
            }
        }

        if (_inQuotes && !_quoteInQuotes)
        {
            throw new CsvFormatException("unclosed_quote", RecordLine, $"The quoted value that starts on line {RecordLine} is never closed.");
        }

        EndField();
    }

    /// <summary>
    /// Reads the record begun when it is a plain ASCII line in the buffer (no quote, no carriage return but the line end's,
    /// no NUL, within every limit), the common case: one search for the line end, one for the bytes that make a line not
    /// plain, and one vector pass for its commas; no copy (its fields are read where they lie in the buffer).
    /// False, having consumed nothing, for anything else: <see cref="ScanBuffer"/> then reads it and says what is wrong.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ScanPlainRecord()
    {
        if (!_ascii || Header.Count == 0)
        {
            return false;
        }

        var rest = _bytes.AsSpan(_position, _length - _position);
        var end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            return false;
        }

        var line = rest[..end];
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (line.Length > _limits.MaxRecordChars || line.IndexOfAny(PlainBreakers) >= 0)
        {
            return false;
        }

        // One comparison per 16 bytes finds every comma.
        var fields = 0;
        var fieldStart = 0;
        var offset = _position;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var commas = Vector128.Create((byte)',');
            ref var first = ref MemoryMarshal.GetReference(line);
            for (; i + Vector128<byte>.Count <= line.Length; i += Vector128<byte>.Count)
            {
                var mask = Vector128.Equals(Vector128.LoadUnsafe(ref first, (nuint)i), commas).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    var comma = i + BitOperations.TrailingZeroCount(mask);
                    if (!AddPlainField(ref fields, ref fieldStart, comma, offset))
                    {
                        return false;
                    }

                    mask &= mask - 1;
                }
            }
        }

        for (; i < line.Length; i++)
        {
            if (line[i] == ',' && !AddPlainField(ref fields, ref fieldStart, i, offset))
            {
                return false;
            }
        }

        if (!AddPlainField(ref fields, ref fieldStart, line.Length, offset))
        {
            return false;
        }

        _inBuffer = true;
        _recordBytes = _charCount = line.Length - (fields - 1);
        FieldCount = fields;
        _position += end + 1;
        _line++;
        return true;
    }

    /// <summary>Ends a plain line's field at <paramref name="end"/>; false when that breaks a limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AddPlainField(ref int fields, ref int start, int end, int offset)
    {
        if (end - start > _limits.MaxFieldChars || fields == _limits.MaxColumns)
        {
            return false;
        }

        if (fields == _fieldEnds.Length)
        {
            Array.Resize(ref _fieldStarts, fields * 2);
            Array.Resize(ref _fieldEnds, fields * 2);
        }

        _fieldStarts[fields] = offset + start;
        _fieldEnds[fields++] = offset + end;
        start = end + 1;
        return true;
    }

    /// <summary>Consumes the checked bytes in the buffer; true when a record ended among them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ScanBuffer()
    {
        while (_position < _length)
        {
            if (_quoteInQuotes)
            {
                // The quote before this character either escaped a quote ("") or closed the quoted part.
                _quoteInQuotes = false;
                if (_bytes[_position] == '"')
                {
                    Append((byte)'"');
                    _position++;
                    continue;
                }

                _inQuotes = false;
            }

            var rest = _bytes.AsSpan(_position, _length - _position);
            var run = rest.IndexOfAny(_inQuotes ? SpecialInQuotes : Special);
            if (run < 0)
            {
                Append(rest);
                _position = _length;
                return false;
            }

            Append(rest[..run]);
            var c = rest[run];
            _position += run + 1;
            if (c == '\0')
            {
                throw new CsvFormatException(
                    "not_text", _line, $"Line {_line} contains a NUL byte: this is a binary file (an Excel workbook, a ZIP, a UTF-16 text?), not CSV text. Export it as CSV UTF-8.");
            }

            if (_inQuotes)
            {
                if (c == '"')
                {
                    _quoteInQuotes = true;
                }
                else
                {
                    _line++;
                    Append(c);
                }

                continue;
            }

            switch (c)
            {
                case (byte)',':
                    EndField();
                    break;
                case (byte)'"' when _recordBytes == _fieldStart && !_quotedField:
                    _inQuotes = true;
                    _quotedField = true;
                    break;
                case (byte)'"':
                    Append(c);
                    break;
                case (byte)'\n':
                    _line++;
                    EndField();
                    return true;
                default:
                    // '\r' outside quotes is part of the line end; one not followed by '\n' is an old Mac line end.
                    _loneCr |= _position < _length && _bytes[_position] != '\n';
                    break;
            }
        }

        return false;
    }

    private void EndField()
    {
        if (FieldCount == _limits.MaxColumns)
        {
            throw new CsvFormatException(
                "too_many_columns", RecordLine, $"Line {RecordLine} has more than {_limits.MaxColumns.ToString("N0", CultureInfo.InvariantCulture)} fields; that is the most a file may have.");
        }

        if (FieldCount == _fieldEnds.Length)
        {
            Array.Resize(ref _fieldStarts, FieldCount * 2);
            Array.Resize(ref _fieldEnds, FieldCount * 2);
        }

        _fieldStarts[FieldCount] = _fieldStart;
        _fieldEnds[FieldCount++] = _recordBytes;
        _fieldStart = _recordBytes;
        _fieldStartChars = _charCount;
        _quotedField = false;
    }

    private void Append(byte c) => Append([c]);

    private void Append(ReadOnlySpan<byte> utf8)
    {
        // The limits count UTF-16 characters, as the text of the record has; in ASCII that is one per byte.
        var chars = _ascii ? utf8.Length : Utf16Length(utf8);
        if (_charCount + chars > _limits.MaxRecordChars || _charCount - _fieldStartChars + chars > _limits.MaxFieldChars)
        {
            CheckLimits(chars);
        }

        if (_recordBytes + utf8.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordBytes + utf8.Length));
        }

        utf8.CopyTo(_record.AsSpan(_recordBytes));
        _recordBytes += utf8.Length;
        _charCount += chars;
    }

    private void CheckLimits(int chars)
    {
        var inHeader = Header.Count == 0;
        if (inHeader && _charCount + chars > _limits.MaxRecordChars)
        {
            throw new CsvFormatException(
                "header_too_long",
                1,
                $"The first line, the header, is longer than {_limits.MaxRecordChars.ToString("N0", CultureInfo.InvariantCulture)} characters. "
                + "A CSV starts with a short line naming the columns, separated by commas, then one line per row: check the line breaks and the separator.");
        }

        if (_charCount + chars > _limits.MaxRecordChars)
        {
            throw new CsvFormatException(
                "line_too_long",
                RecordLine,
                $"Line {RecordLine} is longer than {_limits.MaxRecordChars.ToString("N0", CultureInfo.InvariantCulture)} characters, the most one record may have. "
                + "Check that the file has line breaks between rows and that every quote is closed.");
        }

        // Column names have their own, smaller limit, checked once the header is read.
        if (!inHeader && _charCount - _fieldStartChars + chars > _limits.MaxFieldChars)
        {
            throw new CsvFormatException(
                "field_too_long",
                RecordLine,
                $"Field {FieldCount + 1} on line {RecordLine} is longer than {_limits.MaxFieldChars.ToString("N0", CultureInfo.InvariantCulture)} characters, the most one value may have.");
        }
    }

    // UTF-16 characters in valid UTF-8: one per sequence, two for a four-byte one.
    private static int Utf16Length(ReadOnlySpan<byte> utf8)
    {
        var chars = 0;
        foreach (var b in utf8)
        {
            chars += (b & 0xC0) != 0x80 ? 1 : 0;
            chars += b >= 0xF0 ? 1 : 0;
        }

        return chars;
    }

    /// <summary>
    /// Makes checked bytes available. Bytes are checked here rather than decoded by a StreamReader so that a sequence that
    /// is not UTF-8 is reported only after every byte before it has been scanned: the line count is then exact.
    /// </summary>
    private async ValueTask<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_position < _length)
        {
            return true;
        }

        while (true)
        {
            if (_invalidAhead)
            {
                throw new CsvFormatException("not_utf8", _line, $"Line {_line} has a byte sequence that is not UTF-8. Save the file as UTF-8 (\"CSV UTF-8\" in Excel) and upload it again.");
            }

            if (_length < _byteEnd || _endOfStream)
            {
                var valid = CheckUtf8(_bytes.AsSpan(_length, _byteEnd - _length));
                _position = _length;
                _length += valid;
                if (valid > 0)
                {
                    return true;
                }

                if (_invalidAhead)
                {
                    continue;
                }

                if (_endOfStream)
                {
                    return false;
                }
            }

            // Keep an incomplete sequence at the end of the buffer and read on behind it.
            var kept = _byteEnd - _length;
            _bytes.AsSpan(_length, kept).CopyTo(_bytes);
            _position = _length = 0;
            _byteEnd = kept;
            var n = await _stream.ReadAsync(_bytes.AsMemory(_byteEnd), cancellationToken).ConfigureAwait(false);
            _endOfStream = n == 0;
            _byteEnd += n;
        }
    }

    /// <summary>
    /// How many leading bytes of <paramref name="bytes"/> are whole UTF-8 sequences; sets <see cref="_invalidAhead"/> when
    /// the next one is not UTF-8 (an incomplete one is kept for the next read, unless the stream has ended).
    /// </summary>
    private int CheckUtf8(ReadOnlySpan<byte> bytes)
    {
        _ascii = Ascii.IsValid(bytes);
        if (_ascii)
        {
            return bytes.Length;
        }

        var whole = _endOfStream ? bytes.Length : bytes.Length - IncompleteTail(bytes);
        if (Utf8.IsValid(bytes[..whole]))
        {
            return whole;
        }

        // Somewhere in the buffer a sequence is not UTF-8: find exactly where.
        _scratch ??= new char[_bytes.Length];
        var status = Utf8.ToUtf16(bytes, _scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: _endOfStream);
        _invalidAhead = status == OperationStatus.InvalidData;
        return read;
    }

    /// <summary>How many bytes at the end start a multi-byte sequence that the buffer does not hold whole.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= 3 && back <= bytes.Length; back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }

        return 0;
    }

    /// <summary>Refuses, before any CSV parsing, content whose first character says it is another format.</summary>
    private void CheckLooksLikeCsv()
    {
        var start = _bytes.AsSpan(_position, _length - _position);
        while (true)
        {
            if (start.StartsWith("\uFEFF"u8))
            {
                start = start[3..];
            }
            else if (!start.IsEmpty && start[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                start = start[1..];
            }
            else
            {
                break;
            }
        }

        var what = start.IsEmpty ? null
            : start[0] is (byte)'{' or (byte)'[' ? "JSON"
            : start[0] == '<' ? "HTML or XML"
            : null;
        if (what is not null)
        {
            throw new CsvFormatException(
                "not_csv", 1, $"This file is {what}, not CSV. Upload comma-separated text: a header line naming the columns, then one line per row.");
        }
    }

    public void Dispose()
    {
        // The stream is the caller's; nothing of our own holds resources.
    }
}
