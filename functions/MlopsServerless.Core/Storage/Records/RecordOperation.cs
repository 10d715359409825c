namespace MlopsServerless.Core.Storage.Records;

/// <summary>What a batch operation does.</summary>
public enum RecordOperationKind
{
    /// <summary>Create the record; Conflict when it exists.</summary>
    Insert,
    /// <summary>Create or replace the record, whatever it holds (last writer wins).</summary>
    Upsert,
    /// <summary>Replace the record only while it has <see cref="RecordOperation.IfMatch"/>; Conflict when it changed or is gone.</summary>
    Replace,
    /// <summary>Delete the record only while it has <see cref="RecordOperation.IfMatch"/> (or, with "*", while it exists); Conflict otherwise.</summary>
    Delete,
}

/// <summary>One operation of an atomic batch. Build it with the static factories.</summary>
public sealed record RecordOperation
{
    private RecordOperation(RecordOperationKind kind, string partitionKey, string rowKey, Record? record, string? ifMatch) =>
        (Kind, PartitionKey, RowKey, Record, IfMatch) = (kind, partitionKey, rowKey, record, ifMatch);

    /// <summary>ETag value that matches any existing record.</summary>
    public const string AnyETag = "*";

    public RecordOperationKind Kind { get; }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>The record written; null for a delete.</summary>
    public Record? Record { get; }

    /// <summary>The ETag a replace or delete requires (<see cref="AnyETag"/>: any existing record).</summary>
    public string? IfMatch { get; }

    public static RecordOperation Insert(Record record) => new(RecordOperationKind.Insert, record.PartitionKey, record.RowKey, record, null);

    public static RecordOperation Upsert(Record record) => new(RecordOperationKind.Upsert, record.PartitionKey, record.RowKey, record, null);

    public static RecordOperation Replace(Record record, string ifMatch)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return new(RecordOperationKind.Replace, record.PartitionKey, record.RowKey, record, ifMatch);
    }

    public static RecordOperation Delete(string partitionKey, string rowKey, string ifMatch)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return new(RecordOperationKind.Delete, partitionKey, rowKey, null, ifMatch);
    }
}
