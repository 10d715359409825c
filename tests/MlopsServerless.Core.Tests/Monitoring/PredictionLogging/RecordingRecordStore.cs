using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;
using Record = MlopsServerless.Core.Storage.Records.Record;

namespace MlopsServerless.Core.Tests.Monitoring.PredictionLogging;

/// <summary>A record store that remembers the size of every batch written and can refuse writes (an outage); reads pass through.</summary>
internal sealed class RecordingRecordStore(IRecordStore inner) : IRecordStore
{
    private readonly List<int> _batches = [];

    public bool FailWrites { get; set; }

    public IReadOnlyList<int> Batches
    {
        get
        {
            lock (_batches)
            {
                return _batches.ToList();
            }
        }
    }

    public Task<Record?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public Task<RecordPage> QueryAsync(string table, RecordQuery query, CancellationToken cancellationToken) => inner.QueryAsync(table, query, cancellationToken);

    public Task<IReadOnlyList<string?>> ExecuteAsync(string table, IReadOnlyList<RecordOperation> operations, CancellationToken cancellationToken)
    {
        if (FailWrites)
        {
            throw MlopsException.Unavailable("the record store is out of reach");
        }

        lock (_batches)
        {
            _batches.Add(operations.Count);
        }

        return inner.ExecuteAsync(table, operations, cancellationToken);
    }
}
