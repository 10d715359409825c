using System.Globalization;
using System.Text.RegularExpressions;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Storage.Records;

/// <summary>
/// The rules every record store enforces the same way (the strictest of the stores: Azure Tables), and the key
/// helpers callers build ordered row keys with. Checking here, before any store is called, is what makes a request the
/// SQLite store would take but Azure Tables would refuse fail on a laptop too.
/// </summary>
public static partial class RecordKeys
{
    /// <summary>Most operations in one batch (Azure Tables' transaction limit).</summary>
    public const int MaxBatchOperations = 100;

    /// <summary>Longest partition or row key, in characters.</summary>
    public const int MaxKeyLength = 512;

    /// <summary>Longest document, in characters (Azure Tables stores it over several 32K-character properties of a 1 MiB entity).</summary>
    public const int MaxDocumentLength = 400_000;

    /// <summary>Most filterable properties on one record.</summary>
    public const int MaxProperties = 16;

    /// <summary>Longest filterable property value, in characters.</summary>
    public const int MaxPropertyLength = 1024;

    /// <summary>A row key greater than every key that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix + '\uffff';

    /// <summary>
    /// <paramref name="time"/> as 19 digits that sort newest first (ticks subtracted from the maximum), so a partition
    /// read in row-key order lists the newest record first.
    /// </summary>
    public static string NewestFirst(DateTimeOffset time) => (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary><paramref name="number"/> as 19 digits that sort newest (largest) first.</summary>
    public static string NewestFirst(long number) => (long.MaxValue - number).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary><paramref name="number"/> as 19 digits that sort in ascending order.</summary>
    public static string Ascending(long number) => number.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Checks a table name: 3-63 letters and digits, starting with a letter.</summary>
    public static string Table(string table) =>
        table is not null && TablePattern().IsMatch(table)
            ? table
            : throw MlopsException.InvalidArgument($"Table name '{table}' is not valid: use 3-63 letters and digits, starting with a letter.");

    /// <summary>Checks a partition or row key: 1-512 characters, none of '/', '\\', '#', '?' or a control character.</summary>
    public static string Key(string key, string what)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || key.AsSpan().IndexOfAny(Forbidden) >= 0 || key.Any(char.IsControl))
        {
            throw MlopsException.InvalidArgument(
                $"{what} '{Shorten(key)}' is not a valid record key: use 1-{MaxKeyLength} characters without '/', '\\', '#', '?' or control characters.");
        }

        return key;
    }

    /// <summary>Checks a record before it is written: its keys, document size and properties.</summary>
    public static void Check(Record record)
    {
        Key(record.PartitionKey, "Partition key");
        Key(record.RowKey, "Row key");
        ArgumentNullException.ThrowIfNull(record.Document);
        if (record.Document.Length > MaxDocumentLength)
        {
            throw MlopsException.InvalidArgument(
                $"Record '{record.PartitionKey}/{Shorten(record.RowKey)}' is {record.Document.Length} characters; a record holds at most {MaxDocumentLength}.");
        }

        if (record.PropertiesOrEmpty.Count > MaxProperties)
        {
            throw MlopsException.InvalidArgument($"Record '{record.PartitionKey}/{Shorten(record.RowKey)}' has {record.PropertiesOrEmpty.Count} properties; at most {MaxProperties}.");
        }

        foreach (var (name, value) in record.PropertiesOrEmpty)
        {
            Property(name);
            if (value is null || value.Length > MaxPropertyLength)
            {
                throw MlopsException.InvalidArgument($"Property '{name}' of record '{record.PartitionKey}/{Shorten(record.RowKey)}' must be a string of at most {MaxPropertyLength} characters.");
            }
        }
    }

    /// <summary>Checks a property name: 1-63 letters and digits starting with a letter, not a name the stores keep for themselves.</summary>
    public static string Property(string name)
    {
        if (name is null || !PropertyPattern().IsMatch(name) || Reserved.Contains(name))
        {
            throw MlopsException.InvalidArgument(
                $"Property name '{name}' is not valid: use 1-63 letters and digits starting with a letter, not one of {string.Join(", ", Reserved)}.");
        }

        return name;
    }

    /// <summary>Checks a batch: 1-<see cref="MaxBatchOperations"/> operations on distinct rows of one partition.</summary>
    public static void Check(string table, IReadOnlyList<RecordOperation> operations)
    {
        Table(table);
        if (operations is null || operations.Count is 0 or > MaxBatchOperations)
        {
            throw MlopsException.InvalidArgument($"A batch holds 1-{MaxBatchOperations} operations; got {operations?.Count ?? 0}.");
        }

        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (operation.PartitionKey != operations[0].PartitionKey)
            {
                throw MlopsException.InvalidArgument(
                    $"A batch stays in one partition: '{Shorten(operations[0].PartitionKey)}' and '{Shorten(operation.PartitionKey)}' differ.");
            }

            Key(operation.PartitionKey, "Partition key");
            Key(operation.RowKey, "Row key");
            if (!rows.Add(operation.RowKey))
            {
                throw MlopsException.InvalidArgument($"A batch changes each row once; '{Shorten(operation.RowKey)}' appears twice.");
            }

            if (operation.Record is { } record)
            {
                Check(record);
            }
        }
    }

    /// <summary>Checks a query's partition, range, filters and page size.</summary>
    public static void Check(string table, RecordQuery query)
    {
        Table(table);
        Key(query.PartitionKey, "Partition key");
        if (query.PageSize is < 1 or > RecordQuery.MaxPageSize)
        {
            throw MlopsException.InvalidArgument($"pageSize must be between 1 and {RecordQuery.MaxPageSize}; got {query.PageSize}.");
        }

        foreach (var (name, value) in query.Filters ?? new Dictionary<string, string>())
        {
            Property(name);
            ArgumentNullException.ThrowIfNull(value);
        }
    }

    /// <summary>Conflict naming the operation of a batch whose condition failed.</summary>
    public static MlopsException ConflictAt(string table, IReadOnlyList<RecordOperation> operations, int index, Exception? inner = null)
    {
        var operation = operations[index];
        var why = operation.Kind == RecordOperationKind.Insert ? "it exists already" : "it changed or is gone since it was read";
        return MlopsException.Conflict(
            $"Operation {index} of the batch ({operation.Kind} of '{table}/{Shorten(operation.PartitionKey)}/{Shorten(operation.RowKey)}') failed: {why}. Nothing was written; read again and retry.",
            inner);
    }

    /// <summary>Names the stores keep for themselves, so a property can never shadow them.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "PartitionKey", "RowKey", "Timestamp", "ETag", "Document", "odata",
    };

    private static readonly char[] Forbidden = ['/', '\\', '#', '?'];

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 80 ? value : value[..80] + "...";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TablePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,62}$")]
    private static partial Regex PropertyPattern();
}
