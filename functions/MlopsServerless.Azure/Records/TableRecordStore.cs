using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Azure.Records;

/// <summary>
/// <see cref="IRecordStore"/> over Azure Table Storage: one table per Core table (with <see cref="TableStoreOptions.TablePrefix"/>
/// in front), created on first use. A record is one entity: its document split over string properties <c>Document</c>,
/// <c>Document_1</c>, ... of at most <see cref="DocumentPartLength"/> characters (Azure caps a property at 64 KiB; a
/// part never ends inside a surrogate pair), and its
/// filterable properties as string properties of their own. A batch is one entity-group transaction, so the service
/// itself makes it atomic and checks every If-Match; a query is one page of an OData query whose continuation is
/// handed out wrapped, so callers never depend on Azure's token format.
/// </summary>
public sealed class TableRecordStore : IRecordStore
{
    /// <summary>Most characters in one document property (32K UTF-16 characters: Azure's 64 KiB per property).</summary>
    public const int DocumentPartLength = 32 * 1024;

    private const string DocumentProperty = "Document";
    private const string TokenPrefix = "a1.";

    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    /// <summary>Connects with <paramref name="options"/> (validated first).</summary>
    /// <exception cref="MlopsException">InvalidArgument when the options are incomplete or malformed.</exception>
    public TableRecordStore(TableStoreOptions options, ILogger<TableRecordStore>? logger = null)
        : this(ServiceOf(options), options.TablePrefix, logger)
    {
    }

    /// <summary>Uses an already configured service client (tests, or hosts that build their own clients).</summary>
    public TableRecordStore(TableServiceClient service, string tablePrefix, ILogger<TableRecordStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        TableStoreOptions.ValidatePrefix(tablePrefix);
        _service = service;
        _prefix = tablePrefix;
        _logger = logger ?? NullLogger<TableRecordStore>.Instance;
    }

    public async Task<Record?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        RecordKeys.Table(table);
        RecordKeys.Key(partitionKey, "Partition key");
        RecordKeys.Key(rowKey, "Row key");
        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        try
        {
            var found = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return found.HasValue ? ToRecord(found.Value!) : null;
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            throw Unavailable(client.Name, "read a record of", e);
        }
    }

    public async Task<RecordPage> QueryAsync(string table, RecordQuery query, CancellationToken cancellationToken)
    {
        RecordKeys.Check(table, query);
        var resumeAt = query.ContinuationToken is null ? null : DecodeToken(query.ContinuationToken);
        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        var pages = client.QueryAsync<TableEntity>(Filter(query), maxPerPage: query.PageSize, cancellationToken: cancellationToken)
            .AsPages(resumeAt, query.PageSize);
        try
        {
            await foreach (var page in pages.ConfigureAwait(false))
            {
                // One service page per call: the caller pages on with the token, so a query never reads more than it returns.
                return new RecordPage(page.Values.Select(ToRecord).ToList(), page.ContinuationToken is { Length: > 1 } next ? EncodeToken(next) : null);
            }

            return new RecordPage([], null);
        }
        catch (RequestFailedException e) when (resumeAt is not null && e.Status == 400)
        {
            throw BadToken();
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            throw Unavailable(client.Name, "query", e);
        }
    }

    public async Task<IReadOnlyList<string?>> ExecuteAsync(string table, IReadOnlyList<RecordOperation> operations, CancellationToken cancellationToken)
    {
        RecordKeys.Check(table, operations);
        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        var actions = operations.Select(ToAction).ToList();
        try
        {
            var responses = (await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false)).Value;
            return operations.Select((operation, i) => operation.Kind == RecordOperationKind.Delete ? null : responses[i].Headers.ETag?.ToString()).ToList();
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } index && index >= 0 && index < operations.Count && IsConditionFailure(e))
        {
            throw RecordKeys.ConflictAt(table, operations, index, e);
        }
        catch (RequestFailedException e) when (e.Status is 400 or 413)
        {
            // Checked before sending, so only a limit the port does not model (the 4 MiB transaction payload) gets here.
            throw MlopsException.InvalidArgument(
                $"Table storage refused the batch of {operations.Count} operations on '{client.Name}' ({Describe(e)}): make it smaller, for example fewer large documents per batch.");
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            throw Unavailable(client.Name, "write to", e);
        }
    }

    /// <summary>Insert conflicts (409), stale or missing If-Match targets (412, 404): the caller's condition did not hold.</summary>
    private static bool IsConditionFailure(RequestFailedException e) => e.Status is 404 or 409 or 412;

    private static TableTransactionAction ToAction(RecordOperation operation) => operation.Kind switch
    {
        RecordOperationKind.Insert => new(TableTransactionActionType.Add, ToEntity(operation.Record!)),
        RecordOperationKind.Upsert => new(TableTransactionActionType.UpsertReplace, ToEntity(operation.Record!)),
        // Always an explicit ETag: UpdateReplace without one sends no If-Match, which the service treats as an upsert.
        RecordOperationKind.Replace => new(TableTransactionActionType.UpdateReplace, ToEntity(operation.Record!), ETagOf(operation.IfMatch!)),
        RecordOperationKind.Delete => new(TableTransactionActionType.Delete, new TableEntity(operation.PartitionKey, operation.RowKey), ETagOf(operation.IfMatch!)),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "unknown operation"),
    };

    private static ETag ETagOf(string ifMatch) => ifMatch == RecordOperation.AnyETag ? ETag.All : new ETag(ifMatch);

    private static TableEntity ToEntity(Record record)
    {
        var entity = new TableEntity(record.PartitionKey, record.RowKey);
        var document = record.Document;
        var start = 0;
        for (var part = 0; part == 0 || start < document.Length; part++)
        {
            var length = Math.Min(DocumentPartLength, document.Length - start);
            if (length == DocumentPartLength && char.IsHighSurrogate(document[start + length - 1]))
            {
                // Never split a surrogate pair: half a character is not valid UTF-16, so the service could not store it.
                length--;
            }

            entity[DocumentPartName(part)] = document.Substring(start, length);
            start += length;
        }

        foreach (var (name, value) in record.PropertiesOrEmpty)
        {
            entity[name] = value;
        }

        return entity;
    }

    private static Record ToRecord(TableEntity entity)
    {
        var document = new StringBuilder(entity.GetString(DocumentProperty) ?? "");
        for (var part = 1; entity.GetString(DocumentPartName(part)) is { } more; part++)
        {
            document.Append(more);
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            // Only names a caller could have written: not the keys, Timestamp, odata annotations or document parts.
            if (value is string text && name.All(char.IsAsciiLetterOrDigit) && !RecordKeys.Reserved.Contains(name))
            {
                properties[name] = text;
            }
        }

        return new Record(entity.PartitionKey, entity.RowKey, document.ToString(), properties) { ETag = entity.ETag.ToString() };
    }

    private static string DocumentPartName(int part) => part == 0 ? DocumentProperty : $"{DocumentProperty}_{part}";

    private static string Filter(RecordQuery query)
    {
        // Every value goes through CreateQueryFilter, which quotes and escapes it; only property names (checked by
        // RecordKeys: letters and digits) are part of the format itself.
        var format = new StringBuilder("PartitionKey eq {0}");
        var values = new List<object?> { query.PartitionKey };
        if (query.RowKeyFrom is not null)
        {
            format.Append(" and RowKey ge {").Append(values.Count).Append('}');
            values.Add(query.RowKeyFrom);
        }

        if (query.RowKeyTo is not null)
        {
            format.Append(" and RowKey lt {").Append(values.Count).Append('}');
            values.Add(query.RowKeyTo);
        }

        foreach (var (name, value) in query.Filters ?? new Dictionary<string, string>())
        {
            format.Append(" and ").Append(RecordKeys.Property(name)).Append(" eq {").Append(values.Count).Append('}');
            values.Add(value);
        }

        return TableClient.CreateQueryFilter(FormattableStringFactory.Create(format.ToString(), [.. values]));
    }

    private Task<TableClient> TableAsync(string table, CancellationToken cancellationToken)
    {
        var name = _prefix + table;
        var created = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n)));
        return WaitAsync(name, created, cancellationToken);
    }

    private async Task<TableClient> WaitAsync(string name, Lazy<Task<TableClient>> created, CancellationToken cancellationToken)
    {
        try
        {
            return await created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (created.Value.IsFaulted)
        {
            // A failed creation is tried again by the next call.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, created));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        // Not the caller's token: one caller giving up must not fail the creation others wait for.
        var cancellationToken = CancellationToken.None;
        var client = _service.GetTableClient(name);
        try
        {
            if (await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false) is { } created && created.GetRawResponse().Status is 201 or 204)
            {
                Log.TableCreated(_logger, name, _service.AccountName);
            }

            return client;
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            throw Unavailable(name, "create", e);
        }
    }

    private static bool IsTransport(Exception e, CancellationToken cancellationToken) => Storage.BlobFailures.IsTransport(e, cancellationToken);

    private static string Describe(Exception e) => Storage.BlobFailures.Describe(e);

    private static MlopsException Unavailable(string table, string action, Exception e) =>
        MlopsException.Unavailable($"Table storage could not {action} table '{table}': {Describe(e)}. Retrying may succeed.", e);

    private static string EncodeToken(string token) =>
        TokenPrefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    private static string DecodeToken(string token)
    {
        if (token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            try
            {
                var inner = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(TokenPrefix.Length)));
                if (inner.Length > 1 && inner.Contains(' ', StringComparison.Ordinal))
                {
                    return inner;
                }
            }
            catch (FormatException)
            {
            }
        }

        throw BadToken();
    }

    private static MlopsException BadToken() =>
        MlopsException.InvalidArgument("The continuation token is not one this store gave out; start again without it.");

    private static TableServiceClient ServiceOf(TableStoreOptions options)
    {
        options.Validate();
        try
        {
            return options.ConnectionString is { Length: > 0 } connectionString
                ? new TableServiceClient(connectionString)
                : new TableServiceClient(options.ServiceUri, new DefaultAzureCredential());
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The exception text may quote the connection string, so it is not passed on.
            throw MlopsException.InvalidArgument(
                "Table storage: ConnectionString is not a valid storage connection string (expected AccountName=...;AccountKey=...;TableEndpoint=... or UseDevelopmentStorage=true).");
        }
    }
}
