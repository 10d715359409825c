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
    private readonly object _gate = new();
    private string? _gatedTable;
    private int _gateWidth;
    private int _inFlight;
    private TaskCompletionSource _gateOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Point reads of <paramref name="table"/> so far.</summary>
    public int Gets(string table) => _gets.GetValueOrDefault(table);

    /// <summary>Query pages of <paramref name="table"/> so far.</summary>
    public int Queries(string table) => _queries.GetValueOrDefault(table);

    /// <summary>Makes the next <paramref name="times"/> batches on <paramref name="table"/> fail with Unavailable, writing nothing.</summary>
    public void FailBatches(string table, int times = 1) => _failures[table] = times;

    /// <summary>The most point reads of the gated table that were in flight at once (see <see cref="GateGets"/>).</summary>
    public int MostGetsInFlight { get; private set; }

    /// <summary>
    /// Holds each point read of <paramref name="table"/> until <paramref name="width"/> of them are in flight together,
    /// so a test sees whether reads overlap. A caller that reads one at a time is let go after a few seconds, and
    /// <see cref="MostGetsInFlight"/> then stays below the width.
    /// </summary>
    public void GateGets(string table, int width)
    {
        _gatedTable = table;
        _gateWidth = width;
    }

    public void ResetCounts()
    {
        _gets.Clear();
        _queries.Clear();
    }

    public async Task<Record?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        _gets.AddOrUpdate(table, 1, (_, n) => n + 1);
        if (table != _gatedTable)
        {
            return await inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
        }

        Task open;
        lock (_gate)
        {
            _inFlight++;
            MostGetsInFlight = Math.Max(MostGetsInFlight, _inFlight);
            if (_inFlight >= _gateWidth)
            {
                _gateOpen.TrySetResult();
            }

            open = _gateOpen.Task;
        }

        try
        {
            await open.WaitAsync(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _gateOpen.TrySetResult(); // after a timeout, the reads that follow are not held again
            return await inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
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
