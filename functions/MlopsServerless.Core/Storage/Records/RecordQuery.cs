namespace MlopsServerless.Core.Storage.Records;

/// <summary>
/// A query over one partition: row keys in [<see cref="RowKeyFrom"/>, <see cref="RowKeyTo"/>) (either end open when
/// null), every <see cref="Filters"/> property equal to its value, at most <see cref="PageSize"/> records per page,
/// resumed after a previous page with its <see cref="ContinuationToken"/>.
/// </summary>
public sealed record RecordQuery(string PartitionKey)
{
    /// <summary>Most records one page may ask for.</summary>
    public const int MaxPageSize = 1000;

    public string? RowKeyFrom { get; init; }

    public string? RowKeyTo { get; init; }

    public IReadOnlyDictionary<string, string>? Filters { get; init; }

    /// <summary>Records per page, 1 to <see cref="MaxPageSize"/>. <value>Defaults to 100.</value></summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The <see cref="RecordPage.ContinuationToken"/> of the previous page, or null for the first.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>A range of every row key that starts with <paramref name="prefix"/>.</summary>
    public RecordQuery WithPrefix(string prefix) => this with { RowKeyFrom = prefix, RowKeyTo = RecordKeys.PrefixEnd(prefix) };
}

/// <summary>One page of a query; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record RecordPage(IReadOnlyList<Record> Records, string? ContinuationToken);
