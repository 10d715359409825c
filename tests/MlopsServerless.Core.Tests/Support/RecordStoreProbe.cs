using System.Collections.Concurrent;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;
using Record = MlopsServerless.Core.Storage.Records.Record;

namespace MlopsServerless.Core.Tests;

/// <summary>
/// A record store decorator that counts point reads and queries per table and can fail the next batches on a table, so
/// tests can see how much a listing reads and crash a write between the object store and the record store.
/// </summary>
public sealed class RecordStoreProbe(IRecordStore inner) : IRecordStore
{
    private readonly ConcurrentDictionary<string, int> _gets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _queries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    /// <summary>Point reads of <paramref name="table"/> so far.</summary>
    public int Gets(string table) => _gets.GetValueOrDefault(table);

    /// <summary>Query pages of <paramref name="table"/> so far.</summary>
    public int Queries(string table) => _queries.GetValueOrDefault(table);

    /// <summary>Makes the next <paramref name="times"/> batches on <paramref name="table"/> fail with Unavailable, writing nothing.</summary>
    public void FailBatches(string table, int times = 1) => _failures[table] = times;

    public void ResetCounts()
    {
        _gets.Clear();
        _queries.Clear();
    }

    public Task<Record?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        _gets.AddOrUpdate(table, 1, (_, n) => n + 1);
        return inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
    }

    public Task<RecordPage> QueryAsync(string table, RecordQuery query, CancellationToken cancellationToken)
    {
        _queries.AddOrUpdate(table, 1, (_, n) => n + 1);
        return inner.QueryAsync(table, query, cancellationToken);
    }

    public Task<IReadOnlyList<string?>> ExecuteAsync(string table, IReadOnlyList<RecordOperation> operations, CancellationToken cancellationToken)
    {
        if (_failures.TryGetValue(table, out var left) && left > 0)
        {
            _failures[table] = left - 1;
            throw MlopsException.Unavailable("injected record store outage");
        }

        return inner.ExecuteAsync(table, operations, cancellationToken);
    }
}
