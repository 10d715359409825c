namespace MlopsServerless.Core.Storage.Records;

/// <summary>
/// The record-store port: small metadata records (registry, audit, run index, dataset and quarantine indexes, leases,
/// retraining decisions, the prediction-id index) addressed by table, partition key and row key. Azure Tables in Azure,
/// SQLite on the embedded default; bytes (data, model files, reports, logs) stay in the <see cref="IObjectStore"/>.
/// Every implementation passes the same contract suite (<c>RecordStoreContract</c> in the tests).
/// </summary>
/// <remarks>
/// Three calls on purpose: a point read, a partition query and an atomic batch. A single write is a batch of one, so the
/// conflict rules are the same whether a change touches one record or several (a stage change and its audit entries).
/// </remarks>
public interface IRecordStore
{
    /// <summary>One record with its current ETag, or null when absent.</summary>
    /// <exception cref="Errors.MlopsException">InvalidArgument for a table name or key the port does not allow (see <see cref="RecordKeys"/>).</exception>
    Task<Record?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>
    /// Records of one partition in ascending ordinal row-key order, within the query's row-key range and matching all of its
    /// property filters, at most <see cref="RecordQuery.PageSize"/> of them. A page may hold fewer records than the page
    /// size while more follow (Azure Tables ends pages early); only a null <see cref="RecordPage.ContinuationToken"/> means the end.
    /// </summary>
    /// <exception cref="Errors.MlopsException">InvalidArgument for a continuation token this store did not give out.</exception>
    Task<RecordPage> QueryAsync(string table, RecordQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Applies every operation, all in one partition, atomically: either all take effect or none does. Returns each
    /// operation's new ETag in order (null for a delete).
    /// </summary>
    /// <exception cref="Errors.MlopsException">Conflict when any operation's condition fails (an insert finds the record, a
    /// replace or delete finds it changed or gone), naming the operation; nothing is written then. InvalidArgument for an
    /// empty batch, more than <see cref="RecordKeys.MaxBatchOperations"/> operations, two partitions, the same row twice,
    /// or a record over the size limits.</exception>
    Task<IReadOnlyList<string?>> ExecuteAsync(string table, IReadOnlyList<RecordOperation> operations, CancellationToken cancellationToken);
}
