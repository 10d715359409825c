using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// Reads RFC 4180 CSV from a stream one record at a time, never holding the whole file: quoted fields with commas,
/// doubled quotes and line breaks, LF or CRLF line ends, strict UTF-8 (a byte sequence that is not UTF-8 is an error,
/// not a replacement character, reported on the exact line of the bad byte). Every record must have as many fields as
/// the header. <see cref="ReadFieldsAsync"/> keeps the fields in a reused buffer (<see cref="Field"/>), so reading a
/// large file makes no string per cell; <see cref="CsvLimits"/> bound how much one record may hold.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n\0");
    private static readonly SearchValues<char> SpecialInQuotes = SearchValues.Create("\"\n\0");
    private readonly Stream _stream;
    private readonly CsvLimits _limits;
    private readonly byte[] _bytes = new byte[1 << 16];
    private readonly char[] _buffer = new char[1 << 16];
    private int _byteStart;
    private int _byteEnd;
    private bool _endOfStream;
    private bool _invalidAhead;
    private bool _loneCr;
    private char[] _chars = new char[1 << 10];
    private int[] _fieldEnds = new int[64];
    private int _charCount;
    private int _fieldStart;
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

    /// <summary>The text of field <paramref name="index"/> of the last record; valid until the next read.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FieldCount);
        var start = index == 0 ? 0 : _fieldEnds[index - 1];
        return _chars.AsSpan(start, _fieldEnds[index] - start);
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
    /// Reads the next record into <see cref="Field"/> and <see cref="FieldCount"/>; false at the end of the file. Blank
    /// lines are skipped.
    /// </summary>
    /// <exception cref="CsvFormatException">a record with a different number of fields than the header, an unclosed quote, not UTF-8.</exception>
    public ValueTask<bool> ReadFieldsAsync(CancellationToken cancellationToken)
    {
        // Most records lie whole in the decoded buffer: those are read without an async call, which would cost more
        // than the parsing.
        while (_position < _length)
        {
            BeginRecord();
            if (!ScanBuffer())
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
    private bool IsRecord()
    {
        if (FieldCount == 1 && _charCount == 0)
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
            fields.Add(Field(i).ToString());
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

    private void BeginRecord()
    {
        RecordLine = _line;
        FieldCount = 0;
        _charCount = 0;
        _fieldStart = 0;
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

    /// <summary>Consumes the decoded characters in the buffer; true when a record ended among them.</summary>
    private bool ScanBuffer()
    {
        while (_position < _length)
        {
            if (_quoteInQuotes)
            {
                // The quote before this character either escaped a quote ("") or closed the quoted part.
                _quoteInQuotes = false;
                if (_buffer[_position] == '"')
                {
                    Append('"');
                    _position++;
                    continue;
                }

                _inQuotes = false;
            }

            var rest = _buffer.AsSpan(_position, _length - _position);
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
                case ',':
                    EndField();
                    break;
                case '"' when _charCount == _fieldStart && !_quotedField:
                    _inQuotes = true;
                    _quotedField = true;
                    break;
                case '"':
                    Append(c);
                    break;
                case '\n':
                    _line++;
                    EndField();
                    return true;
                default:
                    // '\r' outside quotes is part of the line end; one not followed by '\n' is an old Mac line end.
                    _loneCr |= _position < _length && _buffer[_position] != '\n';
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
            Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        }

        _fieldEnds[FieldCount++] = _charCount;
        _fieldStart = _charCount;
        _quotedField = false;
    }

    private void Append(char c) => Append([c]);

    private void Append(ReadOnlySpan<char> text)
    {
        var inHeader = Header.Count == 0;
        if (inHeader && _charCount + text.Length > _limits.MaxRecordChars)
        {
            throw new CsvFormatException(
                "header_too_long",
                1,
                $"The first line, the header, is longer than {_limits.MaxRecordChars.ToString("N0", CultureInfo.InvariantCulture)} characters. "
                + "A CSV starts with a short line naming the columns, separated by commas, then one line per row: check the line breaks and the separator.");
        }

        if (_charCount + text.Length > _limits.MaxRecordChars)
        {
            throw new CsvFormatException(
                "line_too_long",
                RecordLine,
                $"Line {RecordLine} is longer than {_limits.MaxRecordChars.ToString("N0", CultureInfo.InvariantCulture)} characters, the most one record may have. "
                + "Check that the file has line breaks between rows and that every quote is closed.");
        }

        // Column names have their own, smaller limit, checked once the header is read.
        if (!inHeader && _charCount - _fieldStart + text.Length > _limits.MaxFieldChars)
        {
            throw new CsvFormatException(
                "field_too_long",
                RecordLine,
                $"Field {FieldCount + 1} on line {RecordLine} is longer than {_limits.MaxFieldChars.ToString("N0", CultureInfo.InvariantCulture)} characters, the most one value may have.");
        }

        if (_charCount + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + text.Length));
        }

        text.CopyTo(_chars.AsSpan(_charCount));
        _charCount += text.Length;
    }

    /// <summary>
    /// Makes decoded characters available. Bytes are decoded here rather than by a StreamReader so that a sequence that is
    /// not UTF-8 is reported only after every character before it has been scanned: the line count is then exact.
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

            if (_byteStart < _byteEnd || _endOfStream)
            {
                var status = Utf8.ToUtf16(
                    _bytes.AsSpan(_byteStart, _byteEnd - _byteStart), _buffer, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: _endOfStream);
                _byteStart += read;
                _invalidAhead = status == OperationStatus.InvalidData;
                if (written > 0)
                {
                    _position = 0;
                    _length = written;
                    return true;
                }

                if (_invalidAhead)
                {
                    continue;
                }

                if (_endOfStream)
                {
                    _position = _length = 0;
                    return false;
                }
            }

            // Keep an incomplete sequence at the end of the buffer and read on behind it.
            var kept = _byteEnd - _byteStart;
            _bytes.AsSpan(_byteStart, kept).CopyTo(_bytes);
            _byteStart = 0;
            _byteEnd = kept;
            var n = await _stream.ReadAsync(_bytes.AsMemory(_byteEnd), cancellationToken).ConfigureAwait(false);
            _endOfStream = n == 0;
            _byteEnd += n;
        }
    }

    /// <summary>Refuses, before any CSV parsing, content whose first character says it is another format.</summary>
    private void CheckLooksLikeCsv()
    {
        var start = _buffer.AsSpan(_position, _length - _position).TrimStart("\uFEFF \t\r\n");
        var what = start.IsEmpty ? null
            : start[0] is '{' or '[' ? "JSON"
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
