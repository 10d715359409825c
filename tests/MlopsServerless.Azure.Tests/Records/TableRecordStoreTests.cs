using Azure.Data.Tables;
using MlopsServerless.Azure.Records;
using MlopsServerless.Azure.Tests.Support;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Tests.Storage.Records;

namespace MlopsServerless.Azure.Tests.Records;

/// <summary>The contract on Azurite's table endpoint; each test gets its own table prefix, so its own tables.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRecordStoreTests(AzuriteFixture azurite) : RecordStoreContract
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];

    protected override TableRecordStore CreateStore() =>
        new(new TableStoreOptions { ConnectionString = azurite.ConnectionString, TablePrefix = _prefix });

    [Fact]
    public async Task InsertAsync_FirstUse_CreatesThePrefixedTable()
    {
        await CreateStore().InsertAsync(Table, Rec("r1"), Ct);

        var service = new TableServiceClient(azurite.ConnectionString);
        var tables = new List<string>();
        await foreach (var table in service.QueryAsync(t => t.Name == _prefix + Table, cancellationToken: Ct))
        {
            tables.Add(table.Name);
        }

        Assert.Equal([_prefix + Table], tables);
    }

    [Fact]
    public async Task GetAsync_LargeDocument_IsStoredInPartsOfAtMost32KCharacters()
    {
        var document = new string('x', 100_000);
        await CreateStore().UpsertAsync(Table, Rec("big", document), Ct);

        var entity = (await new TableServiceClient(azurite.ConnectionString).GetTableClient(_prefix + Table)
            .GetEntityAsync<TableEntity>("p", "big", cancellationToken: Ct)).Value;

        var parts = entity.Keys.Where(k => k.StartsWith("Document", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Document", "Document_1", "Document_2", "Document_3"], parts.Order(StringComparer.Ordinal));
        Assert.All(parts, p => Assert.True(entity.GetString(p).Length <= TableRecordStore.DocumentPartLength));
    }

    [Fact]
    public async Task AnyCall_EndpointDown_ThrowsUnavailable()
    {
        var options = new TableStoreOptions
        {
            ConnectionString = azurite.ConnectionString.Replace($":{azurite.TablePort}/", ":1/", StringComparison.Ordinal),
            TablePrefix = _prefix,
        };
        var store = new TableRecordStore(options);

        var e = await Assert.ThrowsAsync<MlopsException>(() => store.GetAsync(Table, "p", "r", Ct));

        Assert.Equal(ErrorCode.Unavailable, e.Code);
        Assert.DoesNotContain("AccountKey", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
