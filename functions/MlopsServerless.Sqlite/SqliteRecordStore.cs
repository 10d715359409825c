using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Sqlite;

/// <summary>
/// The embedded default's <see cref="IRecordStore"/>: one SQLite file (WAL mode, so readers never wait for the writer),
/// shared by every process on the machine that uses the same data directory. A batch is one <c>BEGIN IMMEDIATE</c>
/// transaction, so it is atomic and serialized against other writers, in this process or another; a writer that finds
/// the file locked waits (Microsoft.Data.Sqlite retries busy locks until the command timeout) before giving up with Unavailable.
/// </summary>
public sealed class SqliteRecordStore : IRecordStore
{
    // Row keys compare as .NET's ordinal comparer does (UTF-16 code units), as the port promises and Azure Tables and
    // RecordKeys.PrefixEnd assume; SQLite's own BINARY collation compares UTF-8 bytes, which orders characters beyond
    // U+FFFF after U+E000-U+FFFF and so would drop them from prefix ranges.
    private const string Ordinal = OrdinalCollation.Name;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS records (
            tbl TEXT NOT NULL,
            pk TEXT NOT NULL,
            rk TEXT NOT NULL COLLATE ORDINAL,
            doc TEXT NOT NULL,
            props TEXT NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (tbl, pk, rk)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private Lazy<Task> _created;

    /// <summary>A store in the file at <paramref name="path"/>, created (with its folder) on first use.</summary>
    public SqliteRecordStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _created = new Lazy<Task>(CreateAsync);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public async Task<Record?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        RecordKeys.Table(table);
        RecordKeys.Key(partitionKey, "Partition key");
        RecordKeys.Key(rowKey, "Row key");
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rk, doc, props, etag FROM records WHERE tbl = $tbl AND pk = $pk AND rk = $rk";
        command.Parameters.AddWithValue("$tbl", table);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
        return await RunAsync(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRecord(reader, partitionKey) : null;
        }).ConfigureAwait(false);
    }

    public async Task<RecordPage> QueryAsync(string table, RecordQuery query, CancellationToken cancellationToken)
    {
        RecordKeys.Check(table, query);
        var after = query.ContinuationToken is null ? null : DecodeToken(query.ContinuationToken);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT rk, doc, props, etag FROM records WHERE tbl = $tbl AND pk = $pk");
        command.Parameters.AddWithValue("$tbl", table);
        command.Parameters.AddWithValue("$pk", query.PartitionKey);
        if (query.RowKeyFrom is not null)
        {
            sql.Append(" AND rk >= $from");
            command.Parameters.AddWithValue("$from", query.RowKeyFrom);
        }

        if (query.RowKeyTo is not null)
        {
            sql.Append(" AND rk < $to");
            command.Parameters.AddWithValue("$to", query.RowKeyTo);
        }

        if (after is not null)
        {
            sql.Append(" AND rk > $after");
            command.Parameters.AddWithValue("$after", after);
        }

        var i = 0;
        foreach (var (name, value) in query.Filters ?? new Dictionary<string, string>())
        {
            // json_extract gives SQL NULL for a record without the property, which never equals a value: such records do not match.
            sql.Append($" AND json_extract(props, $path{i}) = $value{i}");
            command.Parameters.AddWithValue($"$path{i}", "$." + name);
            command.Parameters.AddWithValue($"$value{i}", value);
            i++;
        }

        sql.Append(" ORDER BY rk LIMIT $take");
        command.Parameters.AddWithValue("$take", query.PageSize + 1);
        command.CommandText = sql.ToString();
        return await RunAsync(async () =>
        {
            var records = new List<Record>(Math.Min(query.PageSize, 64));
            var more = false;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (records.Count == query.PageSize)
                {
                    more = true;
                    break;
                }

                records.Add(ReadRecord(reader, query.PartitionKey));
            }

            return new RecordPage(records, more ? EncodeToken(records[^1].RowKey) : null);
        }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string?>> ExecuteAsync(string table, IReadOnlyList<RecordOperation> operations, CancellationToken cancellationToken)
    {
        RecordKeys.Check(table, operations);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // synchronous is per connection and only matters to a commit, so it is set here, the one place that commits:
        // FULL, so a committed registration or stage change survives a power cut, not only a crash; NORMAL for the
        // prediction log's index (still atomic and crash-safe in WAL mode), which is written once per 100 logged rows
        // and whose writer fell behind under load waiting for the disk each time.
        await SetSynchronousAsync(connection, RecordTables.IsIndexOnly(table) ? "NORMAL" : "FULL", cancellationToken).ConfigureAwait(false);

        return await RunAsync(async () =>
        {
            // BEGIN IMMEDIATE takes the write lock before the first read, so the If-Match checks below and the writes are one serialized step.
            await using var transaction = connection.BeginTransaction(deferred: false);
            // One prepared write for the whole batch (a batch of upserts is the prediction log's index, written per logged row).
            await using var write = WriteCommand(connection, transaction, table);
            var etags = new string?[operations.Count];
            for (var i = 0; i < operations.Count; i++)
            {
                var operation = operations[i];
                // An upsert holds whatever is stored, so it reads nothing first.
                var current = operation.Kind == RecordOperationKind.Upsert
                    ? null
                    : await CurrentETagAsync(connection, transaction, table, operation, cancellationToken).ConfigureAwait(false);
                var holds = operation.Kind switch
                {
                    RecordOperationKind.Insert => current is null,
                    RecordOperationKind.Upsert => true,
                    _ => current is not null && (operation.IfMatch == RecordOperation.AnyETag || operation.IfMatch == current),
                };
                if (!holds)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    throw RecordKeys.ConflictAt(table, operations, i);
                }

                etags[i] = operation.Kind == RecordOperationKind.Delete
                    ? await DeleteAsync(connection, transaction, table, operation, cancellationToken).ConfigureAwait(false)
                    : await WriteAsync(write, operation.Record!, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<string?>)etags;
        }).ConfigureAwait(false);
    }

    private static async Task<string?> CurrentETagAsync(SqliteConnection connection, SqliteTransaction transaction, string table, RecordOperation operation, CancellationToken cancellationToken)
    {
        await using var command = RowCommand(connection, transaction, "SELECT etag FROM records", table, operation);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static async Task<string?> DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string table, RecordOperation operation, CancellationToken cancellationToken)
    {
        await using var command = RowCommand(connection, transaction, "DELETE FROM records", table, operation);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary><paramref name="statement"/> restricted to the one row <paramref name="operation"/> addresses.</summary>
    private static SqliteCommand RowCommand(SqliteConnection connection, SqliteTransaction transaction, string statement, string table, RecordOperation operation)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement + " WHERE tbl = $tbl AND pk = $pk AND rk = $rk";
        command.Parameters.AddWithValue("$tbl", table);
        command.Parameters.AddWithValue("$pk", operation.PartitionKey);
        command.Parameters.AddWithValue("$rk", operation.RowKey);
        return command;
    }

    /// <summary>The insert-or-replace of one record into <paramref name="table"/>, its record parameters set by <see cref="WriteAsync"/>.</summary>
    private static SqliteCommand WriteCommand(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO records (tbl, pk, rk, doc, props, etag) VALUES ($tbl, $pk, $rk, $doc, $props, $etag)";
        command.Parameters.AddWithValue("$tbl", table);
        foreach (var name in (string[])["$pk", "$rk", "$doc", "$props", "$etag"])
        {
            command.Parameters.Add(name, SqliteType.Text);
        }

        return command;
    }

    private static async Task<string> WriteAsync(SqliteCommand write, Record record, CancellationToken cancellationToken)
    {
        var etag = Guid.NewGuid().ToString("N");
        write.Parameters["$pk"].Value = record.PartitionKey;
        write.Parameters["$rk"].Value = record.RowKey;
        write.Parameters["$doc"].Value = record.Document;
        write.Parameters["$props"].Value = record.Properties is { Count: > 0 } ? JsonSerializer.Serialize(record.PropertiesOrEmpty) : "{}";
        write.Parameters["$etag"].Value = etag;
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return etag;
    }

    private static Record ReadRecord(SqliteDataReader reader, string partitionKey) =>
        new(partitionKey, reader.GetString(0), reader.GetString(1), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2)))
        {
            ETag = reader.GetString(3),
        };

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var created = _created;
        try
        {
            await created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (created.Value.IsFaulted)
        {
            // A file briefly locked by another process, or a folder not there yet, must not fail this process for good.
            Interlocked.CompareExchange(ref _created, new Lazy<Task>(CreateAsync), created);
            throw Unavailable(e);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            OrdinalCollation.Register(connection);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Unavailable(e);
        }
    }

    private static async Task SetSynchronousAsync(SqliteConnection connection, string level, CancellationToken cancellationToken)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous={level};";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateAsync()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        OrdinalCollation.Register(connection);
        await using var command = connection.CreateCommand();
        // WAL is a property of the file (it persists), so setting it once here covers every later connection.
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        command.Transaction = transaction;
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'records'";
        if (await command.ExecuteScalarAsync().ConfigureAwait(false) is string existing && !existing.Contains(Ordinal, StringComparison.Ordinal))
        {
            // A file written before row keys had the ordinal collation: copy its records into a table that has it.
            command.CommandText = "ALTER TABLE records RENAME TO records_binary; " + Schema + " INSERT INTO records SELECT * FROM records_binary; DROP TABLE records_binary;";
        }
        else
        {
            command.CommandText = Schema;
        }

        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED after the command timeout
        {
            throw Unavailable(e);
        }
    }

    private MlopsException Unavailable(SqliteException e) =>
        MlopsException.Unavailable($"The record store {Path} cannot be used now ({e.Message}). Another process may hold it; try again.", e);

    private static string EncodeToken(string rowKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("r1:" + rowKey));

    private static string DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith("r1:", StringComparison.Ordinal) && text.Length > 3)
            {
                return text[3..];
            }
        }
        catch (FormatException)
        {
        }

        throw MlopsException.InvalidArgument("The continuation token is not one this store gave out; start again without it.");
    }
}
