using Microsoft.Data.Sqlite;
using MlopsServerless.Core.Storage.Records;
using Record = MlopsServerless.Core.Storage.Records.Record;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests.Storage.Records;

/// <summary>The contract on the embedded default: a fresh database file per test.</summary>
public sealed class SqliteRecordStoreTests : RecordStoreContract, IDisposable
{
    private const string Emoji = "v-\U0001F600";
    private const string Fullwidth = "v-\uFF01";
    private readonly TempFolder _folder = new();

    private string DatabasePath => Path.Combine(_folder.Path, ".metadata", "records.db");

    protected override SqliteRecordStore CreateStore() => new(DatabasePath);

    [Fact]
    public async Task FirstUse_FileWrittenBeforeTheOrdinalCollation_KeepsItsRecordsAndSortsThemOrdinally()
    {
        // The schema of the first version: row keys in SQLite's BINARY (UTF-8 byte) order.
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $$"""
                CREATE TABLE records (tbl TEXT NOT NULL, pk TEXT NOT NULL, rk TEXT NOT NULL, doc TEXT NOT NULL, props TEXT NOT NULL, etag TEXT NOT NULL, PRIMARY KEY (tbl, pk, rk)) WITHOUT ROWID;
                INSERT INTO records VALUES ('contract', 'p', '{{Emoji}}', 'old emoji', '{"Kind":"old"}', 'e1');
                INSERT INTO records VALUES ('contract', 'p', '{{Fullwidth}}', 'old fullwidth', '{}', 'e2');
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        var store = CreateStore();
        var listed = new List<Record>();
        await foreach (var record in store.QueryAllAsync(Table, new RecordQuery("p").WithPrefix("v-"), Ct))
        {
            listed.Add(record);
        }

        Assert.Equal([Emoji, Fullwidth], listed.Select(r => r.RowKey));
        Assert.Equal(("old emoji", "e1", "old"), (listed[0].Document, listed[0].ETag, listed[0].PropertiesOrEmpty["Kind"]));
        await store.ReplaceAsync(Table, Rec(Fullwidth, "new"), "e2", Ct);
        Assert.Equal("new", (await store.GetAsync(Table, "p", Fullwidth, Ct))!.Document);
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("ab", "a")]
    [InlineData("same", "same")]
    [InlineData("v-\U0001F600", "v-\uE000")]
    [InlineData("v-\uFF01", "v-\U0001F600b")]
    [InlineData("caf\u00E9", "cafe")]
    [InlineData("x", "\u00E9")]
    public void OrdinalCollation_Utf8Keys_CompareAsUtf16Ordinal(string left, string right)
    {
        foreach (var (l, r) in new[] { (left, right), (new string('\u00E9', 300) + left, new string('\u00E9', 300) + right) })
        {
            var expected = Math.Sign(string.CompareOrdinal(l, r));
            Assert.Equal(expected, OrdinalCollation.Compare(System.Text.Encoding.UTF8.GetBytes(l), System.Text.Encoding.UTF8.GetBytes(r)));
            Assert.Equal(-expected, OrdinalCollation.Compare(System.Text.Encoding.UTF8.GetBytes(r), System.Text.Encoding.UTF8.GetBytes(l)));
        }
    }

    public void Dispose() => _folder.Dispose();
}
