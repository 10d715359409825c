using System.Text;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Tests.Datasets;

public sealed class CsvReaderTests
{
    public static TheoryData<string, string[][]> Documents => new()
    {
        { "a,b\n1,2\n3,4\n", [["1", "2"], ["3", "4"]] },
        { "a,b\r\n1,2\r\n3,4", [["1", "2"], ["3", "4"]] },
        { "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", [["x, y", "say \"hi\""]] },
        { "a,b\n\"two\nlines\",2\n", [["two\nlines", "2"]] },
        { "a,b\n\"cr\r\nkept\",2\n", [["cr\r\nkept", "2"]] },
        { "a,b,c\n,,\n", [["", "", ""]] },
        { "a,b\nab\"c,\"q\"d\n", [["ab\"c", "qd"]] },
        { "a,b\n1,2\n\n\n3,4\n\n", [["1", "2"], ["3", "4"]] },
        { "a,b\n1,\"\"\"\"\n", [["1", "\""]] },
        { "a,b\n1,\"end\"", [["1", "end"]] },
        { "\uFEFFa,b\n1,2\n", [["1", "2"]] },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Utf8Field_Rfc4180Text_IsTheUtf8OfField(string text, string[][] expected)
    {
        using var reader = new CsvReader(Stream(text, trickle: false));
        await reader.ReadHeaderAsync(CancellationToken.None);
        var rows = 0;
        while (await reader.ReadFieldsAsync(CancellationToken.None))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                Assert.Equal(expected[rows][i], Encoding.UTF8.GetString(reader.Utf8Field(i)));
                Assert.Equal(expected[rows][i], reader.Field(i).ToString());
            }

            rows++;
        }

        Assert.Equal(expected.Length, rows);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task ReadFieldsAsync_Rfc4180Text_GivesEveryFieldWhateverTheReadSizes(string text, string[][] expected)
    {
        foreach (var trickle in new[] { false, true })
        {
            using var reader = new CsvReader(Stream(text, trickle));
            var header = await reader.ReadHeaderAsync(CancellationToken.None);
            Assert.Equal(expected[0].Length, header.Count);
            Assert.Equal("a", header[0]);
            var records = new List<string[]>();
            while (await reader.ReadFieldsAsync(CancellationToken.None))
            {
                records.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToArray());
            }

            Assert.Equal(expected, records);
        }
    }

    [Fact]
    public async Task ReadRecordAsync_QuotedLineBreaks_CountsLinesForTheNextRecord()
    {
        using var reader = new CsvReader(Stream("a,b\n\"1\n2\n3\",x\n4,y\n", trickle: false));
        await reader.ReadHeaderAsync(CancellationToken.None);

        var first = await reader.ReadRecordAsync(CancellationToken.None);
        var firstLine = reader.RecordLine;
        var second = await reader.ReadRecordAsync(CancellationToken.None);

        Assert.Equal(["1\n2\n3", "x"], first);
        Assert.Equal(2, firstLine);
        Assert.Equal(["4", "y"], second);
        Assert.Equal(5, reader.RecordLine);
        Assert.Null(await reader.ReadRecordAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadFieldsAsync_RecordsLongerThanTheBuffer_AreWhole()
    {
        var wide = new string('x', 200_000);
        using var reader = new CsvReader(Stream($"a,b\n{wide},\"{wide}\"\n1,2\n", trickle: false));
        await reader.ReadHeaderAsync(CancellationToken.None);

        Assert.True(await reader.ReadFieldsAsync(CancellationToken.None));
        Assert.Equal(wide, reader.Field(0).ToString());
        Assert.Equal(wide, reader.Field(1).ToString());
        Assert.True(await reader.ReadFieldsAsync(CancellationToken.None));
        Assert.Equal("2", reader.Field(1).ToString());
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "ragged_row", 3)]
    [InlineData("a,b\n1,2\n\"3,4\n", "unclosed_quote", 3)]
    [InlineData("a,b\n1,2\n3,\0\n", "not_text", 3)]
    [InlineData("a,b\n1,\"2\0\"\n", "not_text", 2)]
    public async Task ReadFieldsAsync_BrokenText_NamesTheProblemAndLine(string text, string code, long line)
    {
        foreach (var trickle in new[] { false, true })
        {
            using var reader = new CsvReader(Stream(text, trickle));
            await reader.ReadHeaderAsync(CancellationToken.None);

            var error = await Assert.ThrowsAsync<CsvFormatException>(async () =>
            {
                while (await reader.ReadFieldsAsync(CancellationToken.None))
                {
                }
            });

            Assert.Equal(code, error.Code);
            Assert.Equal(line, error.Line);
        }
    }

    [Fact]
    public async Task Field_OutsideTheRecord_Throws()
    {
        using var reader = new CsvReader(Stream("a,b\n1,2\n", trickle: false));
        await reader.ReadHeaderAsync(CancellationToken.None);
        await reader.ReadFieldsAsync(CancellationToken.None);

        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Field(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Field(-1));
    }

    // A trickling stream hands over one byte per read, so every parser state meets the end of a buffer.
    private static Stream Stream(string text, bool trickle)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return trickle ? new TrickleStream(bytes) : new MemoryStream(bytes);
    }

    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
    }
}
