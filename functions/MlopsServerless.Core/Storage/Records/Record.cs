namespace MlopsServerless.Core.Storage.Records;

/// <summary>
/// One record: its keys, a JSON document (the record itself) and string properties a query can filter on by equality
/// (for a run: dataset, status, trigger). <see cref="ETag"/> is set on records read from a store and ignored on writes.
/// </summary>
public sealed record Record(string PartitionKey, string RowKey, string Document, IReadOnlyDictionary<string, string>? Properties = null)
{
    /// <summary>The store's version of the record when it was read, for an If-Match replace or delete.</summary>
    public string? ETag { get; init; }

    /// <summary>The filterable properties, never null.</summary>
    public IReadOnlyDictionary<string, string> PropertiesOrEmpty => Properties ?? EmptyProperties;

    private static readonly IReadOnlyDictionary<string, string> EmptyProperties = new Dictionary<string, string>();
}
