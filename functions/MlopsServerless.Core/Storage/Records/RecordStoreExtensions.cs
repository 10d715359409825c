using System.Runtime.CompilerServices;
using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Core.Storage.Records;

/// <summary>Single-record writes, JSON documents and whole-partition reads over any <see cref="IRecordStore"/>.</summary>
public static class RecordStoreExtensions
{
    /// <summary>Creates a record; returns its ETag. Conflict when it exists.</summary>
    public static async Task<string> InsertAsync(this IRecordStore store, string table, Record record, CancellationToken cancellationToken) =>
        (await store.ExecuteAsync(table, [RecordOperation.Insert(record)], cancellationToken).ConfigureAwait(false))[0]!;

    /// <summary>Creates or replaces a record; returns its ETag.</summary>
    public static async Task<string> UpsertAsync(this IRecordStore store, string table, Record record, CancellationToken cancellationToken) =>
        (await store.ExecuteAsync(table, [RecordOperation.Upsert(record)], cancellationToken).ConfigureAwait(false))[0]!;

    /// <summary>Replaces a record while it still has <paramref name="ifMatch"/>; returns its new ETag. Conflict otherwise.</summary>
    public static async Task<string> ReplaceAsync(this IRecordStore store, string table, Record record, string ifMatch, CancellationToken cancellationToken) =>
        (await store.ExecuteAsync(table, [RecordOperation.Replace(record, ifMatch)], cancellationToken).ConfigureAwait(false))[0]!;

    /// <summary>Deletes a record while it still has <paramref name="ifMatch"/>; false when it changed or is gone (nothing deleted).</summary>
    public static async Task<bool> TryDeleteAsync(this IRecordStore store, string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await store.ExecuteAsync(table, [RecordOperation.Delete(partitionKey, rowKey, ifMatch)], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>Every record a query matches, page after page.</summary>
    public static async IAsyncEnumerable<Record> QueryAllAsync(this IRecordStore store, string table, RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = query with { ContinuationToken = null };
        while (true)
        {
            var page = await store.QueryAsync(table, next, cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Records)
            {
                yield return record;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            next = next with { ContinuationToken = page.ContinuationToken };
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> matching records, following continuation tokens past pages a store ended early;
    /// the token resumes after the last record returned (null when nothing follows).
    /// </summary>
    public static async Task<RecordPage> QueryPageAsync(this IRecordStore store, string table, RecordQuery query, int count, CancellationToken cancellationToken)
    {
        var records = new List<Record>(Math.Min(count, RecordQuery.MaxPageSize));
        var next = query with { PageSize = count };
        while (true)
        {
            var page = await store.QueryAsync(table, next with { PageSize = count - records.Count }, cancellationToken).ConfigureAwait(false);
            records.AddRange(page.Records);
            if (page.ContinuationToken is null || records.Count >= count)
            {
                return new RecordPage(records, page.ContinuationToken);
            }

            next = next with { ContinuationToken = page.ContinuationToken };
        }
    }

    /// <summary>A record's document deserialized, with its ETag, or null when absent.</summary>
    /// <exception cref="MlopsException">FailedPrecondition naming the record when its document is damaged.</exception>
    public static async Task<Versioned<T>?> GetJsonAsync<T>(this IRecordStore store, string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class =>
        await store.GetAsync(table, partitionKey, rowKey, cancellationToken).ConfigureAwait(false) is { } record
            ? new Versioned<T>(record.Read<T>(table), record.ETag ?? "")
            : null;

    /// <summary>The record's document deserialized.</summary>
    /// <exception cref="MlopsException">FailedPrecondition naming the record when its document is damaged.</exception>
    public static T Read<T>(this Record record, string table)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(record.Document, MlopsJson.Options)
                ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw MlopsException.FailedPrecondition(
                $"Stored record '{table}/{record.PartitionKey}/{record.RowKey}' is damaged and cannot be read ({e.Message}). Restore it from a backup or remove it.");
        }
    }

    /// <summary>A record holding <paramref name="value"/> as its JSON document.</summary>
    public static Record ToRecord<T>(string partitionKey, string rowKey, T value, IReadOnlyDictionary<string, string>? properties = null) =>
        new(partitionKey, rowKey, JsonSerializer.Serialize(value, MlopsJson.CompactOptions), properties);
}
