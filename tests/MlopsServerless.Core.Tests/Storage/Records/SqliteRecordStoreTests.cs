using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests.Storage.Records;

/// <summary>The contract on the embedded default: a fresh database file per test.</summary>
public sealed class SqliteRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override SqliteRecordStore CreateStore() => new(Path.Combine(_folder.Path, ".metadata", "records.db"));

    public void Dispose() => _folder.Dispose();
}
