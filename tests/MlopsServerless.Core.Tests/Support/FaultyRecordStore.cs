using System.Collections.Concurrent;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;
using Record = MlopsServerless.Core.Storage.Records.Record;

namespace MlopsServerless.Core.Tests;

/// <summary>
/// An <see cref="IRecordStore"/> decorator that records every call ("get table/pk/rk", "query table/pk", "batch table/pk
/// n") and can fail chosen batches: <see cref="FailBatch"/> makes the next matching batch throw (Unavailable by default)
/// before the inner store sees it, as a store that refuses a transaction would.
/// </summary>
public sealed class FaultyRecordStore(IRecordStore inner) : IRecordStore
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentQueue<(Func<IReadOnlyList<RecordOperation>, bool> Matches, Exception Error)> _faults = new();

    /// <summary>Every call so far, in call order.</summary>
    public IReadOnlyList<string> Calls => [.. _log];

    /// <summary>Batches that were refused, as they were handed over.</summary>
    public ConcurrentQueue<IReadOnlyList<RecordOperation>> Refused { get; } = new();

    /// <summary>Makes the next batch that <paramref name="matches"/> throw <paramref name="error"/> (Unavailable by default).</summary>
    public void FailBatch(Func<IReadOnlyList<RecordOperation>, bool> matches, Exception? error = null) =>
        _faults.Enqueue((matches, error ?? MlopsException.Unavailable("injected outage")));

    /// <summary>Forgets the calls so far.</summary>
    public void ClearCalls() => _log.Clear();

    public Task<Record?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        _log.Enqueue($"get {table}/{partitionKey}/{rowKey}");
        return inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
    }

    public Task<RecordPage> QueryAsync(string table, RecordQuery query, CancellationToken cancellationToken)
    {
        _log.Enqueue($"query {table}/{query.PartitionKey}");
        return inner.QueryAsync(table, query, cancellationToken);
    }

    public Task<IReadOnlyList<string?>> ExecuteAsync(string table, IReadOnlyList<RecordOperation> operations, CancellationToken cancellationToken)
    {
        _log.Enqueue($"batch {table}/{operations[0].PartitionKey} {operations.Count}");
        if (_faults.TryPeek(out var fault) && fault.Matches(operations) && _faults.TryDequeue(out fault))
        {
            Refused.Enqueue(operations);
            throw fault.Error;
        }

        return inner.ExecuteAsync(table, operations, cancellationToken);
    }
}
