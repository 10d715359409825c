using System.Text;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Tests.Datasets;

public sealed class CsvLimitsTests
{
    private static async Task<CsvFormatException> ReadAllAsync(Stream content, CsvLimits? limits = null)
    {
        using var reader = new CsvReader(content, limits);
        return await Assert.ThrowsAsync<CsvFormatException>(async () =>
        {
            await reader.ReadHeaderAsync(CancellationToken.None);
            while (await reader.ReadFieldsAsync(CancellationToken.None))
            {
            }
        });
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task ReadHeaderAsync_OneHugeLineWithoutNewline_StopsAtTheHeaderLimitWithoutReadingItAll()
    {
        var content = new OneLineStream(64L << 20);

        var e = await ReadAllAsync(content);

        Assert.Equal("header_too_long", e.Code);
        Assert.Equal(1, e.Line);
        Assert.True(content.Position < 4L << 20, $"read {content.Position} bytes of a 64 MiB line");
    }

    [Fact]
    public async Task ReadFieldsAsync_RecordOverTheLimit_IsLineTooLongOnItsLine()
    {
        var e = await ReadAllAsync(Text($"a,b,c\n1,2,3\n{new string('x', 90)},{new string('y', 90)},z\n"), new CsvLimits(MaxRecordChars: 150, MaxFieldChars: 100));

        Assert.Equal("line_too_long", e.Code);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public async Task ReadFieldsAsync_FieldOverTheLimit_IsFieldTooLongOnItsLine()
    {
        var e = await ReadAllAsync(Text($"a,b\n1,2\n3,{new string('x', 200)}\n"), new CsvLimits(MaxFieldChars: 100));

        Assert.Equal("field_too_long", e.Code);
        Assert.Equal(3, e.Line);
        Assert.Contains("Field 2 on line 3", e.Message);
    }

    [Fact]
    public async Task ReadHeaderAsync_TooManyColumns_IsRefused()
    {
        var e = await ReadAllAsync(Text(string.Join(',', Enumerable.Range(0, 50).Select(i => $"c{i}")) + "\n"), new CsvLimits(MaxColumns: 40));

        Assert.Equal("too_many_columns", e.Code);
    }

    [Fact]
    public async Task ReadHeaderAsync_OverlongColumnName_IsRefusedWithoutEchoingIt()
    {
        var e = await ReadAllAsync(Text(new string('n', 5000) + ",label\n1,a\n"));

        Assert.Equal("column_name_too_long", e.Code);
        Assert.True(e.Message.Length < 300, e.Message);
    }

    [Fact]
    public async Task ReadFieldsAsync_BadUtf8FarIntoTheFile_NamesTheExactLine()
    {
        // 4,000 lines (about 70 KiB) before the bad byte: past the first 64 KiB read, where a buffer-level error would land.
        var good = new StringBuilder("x,label\n");
        for (var i = 2; i <= 4000; i++)
        {
            good.Append(i).Append(",abcdefghijklm\n");
        }

        byte[] bytes = [.. Encoding.UTF8.GetBytes(good.ToString()), .. "4001,ok"u8, 0xFF, (byte)'\n', .. "4002,b\n"u8];

        var e = await ReadAllAsync(new MemoryStream(bytes));

        Assert.Equal("not_utf8", e.Code);
        Assert.Equal(4001, e.Line);
        Assert.Contains("Line 4001", e.Message);
    }

    [Fact]
    public async Task ReadFieldsAsync_MultibyteCharactersSplitAcrossReads_AreDecoded()
    {
        var text = "name,label\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"Zoë-ñ-日本-{i},a\n"));
        using var reader = new CsvReader(new TrickleStream(Encoding.UTF8.GetBytes(text), 7));
        await reader.ReadHeaderAsync(CancellationToken.None);
        var rows = 0;
        while (await reader.ReadFieldsAsync(CancellationToken.None))
        {
            Assert.Equal($"Zoë-ñ-日本-{rows}", reader.Field(0).ToString());
            rows++;
        }

        Assert.Equal(3000, rows);
    }

    [Theory]
    [InlineData("{\"x\": 1, \"label\": \"a\"}\n", "JSON")]
    [InlineData("  [\n {\"x\": 1},\n {\"x\": 1}\n]\n", "JSON")]
    [InlineData("<html><body>x,label</body></html>\n", "HTML")]
    public async Task ReadHeaderAsync_AnotherFormat_SaysItIsNotCsv(string text, string format)
    {
        var e = await ReadAllAsync(Text(text));

        Assert.Equal("not_csv", e.Code);
        Assert.Contains(format, e.Message);
        Assert.Contains("not CSV", e.Message);
    }

    /// <summary>"aaaa..." with no comma and no line break, generated as it is read.</summary>
    internal sealed class OneLineStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Hands out at most <paramref name="chunk"/> bytes per read, so multibyte characters straddle reads.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
