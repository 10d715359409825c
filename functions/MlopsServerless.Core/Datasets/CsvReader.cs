using System.Text;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// Reads RFC 4180 CSV from a stream one record at a time, never holding the whole file: quoted fields with commas,
/// doubled quotes and line breaks, LF or CRLF line ends, strict UTF-8 (a byte sequence that is not UTF-8 is an error,
/// not a replacement character). Every record must have as many fields as the header.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly StreamReader _reader;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private long _line = 1;

    public CsvReader(Stream stream) => _reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);

    /// <summary>The header's column names, after <see cref="ReadHeaderAsync"/>.</summary>
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>The 1-based line on which the last record returned started.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the header record.</summary>
    /// <exception cref="CsvFormatException">empty, not UTF-8, empty or duplicate column names, binary content.</exception>
    public async Task<IReadOnlyList<string>> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var header = await ReadRecordCoreAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new CsvFormatException("empty_file", 1, "The file is empty: expected a header row naming the columns.");
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

            if (!seen.Add(name))
            {
                throw new CsvFormatException("duplicate_column", 1, $"The header names column '{name}' twice; column names must be unique.");
            }

            header[i] = name;
        }

        Header = header;
        return header;
    }

    /// <summary>Reads the next record, or null at the end of the file. A blank final line is not a record.</summary>
    /// <exception cref="CsvFormatException">a record with a different number of fields than the header, an unclosed quote, not UTF-8.</exception>
    public async Task<IReadOnlyList<string>?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = await ReadRecordCoreAsync(cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return null;
            }

            if (record.Count == 1 && record[0].Length == 0)
            {
                continue; // blank line
            }

            if (record.Count != Header.Count)
            {
                throw new CsvFormatException(
                    "ragged_row",
                    RecordLine,
                    $"Line {RecordLine} has {record.Count} fields but the header has {Header.Count}. Check for a missing or extra comma, or an unquoted comma inside a value.");
            }

            return record;
        }
    }

    private async Task<List<string>?> ReadRecordCoreAsync(CancellationToken cancellationToken)
    {
        if (!await EnsureAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        RecordLine = _line;
        var fields = new List<string>();
        var inQuotes = false;
        var quotedField = false;
        _field.Clear();
        while (true)
        {
            if (!await EnsureAsync(cancellationToken).ConfigureAwait(false))
            {
                if (inQuotes)
                {
                    throw new CsvFormatException("unclosed_quote", RecordLine, $"The quoted value that starts on line {RecordLine} is never closed.");
                }

                fields.Add(_field.ToString());
                return fields;
            }

            var c = _buffer[_position++];
            if (c == '\0')
            {
                throw new CsvFormatException("not_text", _line, $"Line {_line} contains a NUL byte: this is a binary file, not CSV text.");
            }

            if (inQuotes)
            {
                if (c == '"')
                {
                    if (await EnsureAsync(cancellationToken).ConfigureAwait(false) && _buffer[_position] == '"')
                    {
                        _field.Append('"');
                        _position++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    quotedField = false;
                    break;
                case '"' when _field.Length == 0 && !quotedField:
                    inQuotes = true;
                    quotedField = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    _line++;
                    fields.Add(_field.ToString());
                    return fields;
                default:
                    _field.Append(c);
                    break;
            }
        }
    }

    private async ValueTask<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_position < _length)
        {
            return true;
        }

        try
        {
            _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFormatException("not_utf8", _line, $"The file is not valid UTF-8 (near line {_line}). Save it as UTF-8 and upload it again.");
        }

        _position = 0;
        return _length > 0;
    }

    public void Dispose() => _reader.Dispose();
}
