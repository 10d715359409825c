using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>
/// The sampled prediction log. The serving path calls <see cref="TryRecord"/>, which only puts the request in a bounded
/// in-memory buffer: it never waits, never throws and never touches the store, so a slow or failing store cannot slow a
/// prediction. A full buffer drops the request and counts it. <see cref="RunAsync"/> (a hosted service in
/// <c>mlops serve</c>) drains the buffer and appends the rows as JSON Lines, one object per model and hour
/// (<see cref="StorageLayout.PredictionLog"/>); disposing flushes what is left, so one-shot commands lose nothing.
/// After the bytes are appended, each row's prediction id goes into the prediction-id index (table
/// <see cref="RecordTables.Predictions"/>), so feedback finds it with one lookup. The index is written second on purpose:
/// an id in it is always in the log, and an id missing from it (a failed index write) is still found in the log.
/// </summary>
public sealed class PredictionLog : IAsyncDisposable
{
    private readonly IObjectStore _store;
    private readonly IRecordStore _records;
    private readonly PredictionLogOptions _options;
    private readonly ILogger<PredictionLog> _logger;
    private readonly Channel<PendingPrediction> _buffer;
    private readonly SemaphoreSlim _writing = new(1, 1);

    // Owned by whoever holds _writing: batches, reused from batch to batch with their line buffers' capacity, so a busy log
    // does not allocate a growing buffer (large objects, hence full collections) per batch.
    private readonly Stack<LogBatch> _spareBatches = new();

    // Per thread, reused: where TryRecord serializes a request's lines before copying them out at their exact size. A
    // buffer grown past LineBufferKeep by one large request is let go rather than kept by the thread for good.
    private const int LineBufferKeep = 1 << 16;
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_lines;
    [ThreadStatic]
    private static Utf8JsonWriter? t_lineWriter;
    private long _logged;
    private long _dropped;
    private long _written;
    private long _writeFailures;

    /// <exception cref="MlopsException">InvalidArgument for bad options.</exception>
    public PredictionLog(IObjectStore store, IRecordStore records, IOptions<PredictionLogOptions> options, ILogger<PredictionLog> logger)
    {
        _store = store;
        _records = records;
        _options = options.Value;
        _options.Validate();
        _logger = logger;
        _buffer = Channel.CreateBounded<PendingPrediction>(new BoundedChannelOptions(_options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting: the drop we count.
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>True when this request should be logged (the sampling draw).</summary>
    public bool ShouldSample() => _options.SamplingRate >= 1 || (_options.SamplingRate > 0 && Random.Shared.NextDouble() < _options.SamplingRate);

    /// <summary>The counters so far.</summary>
    public PredictionLogCounters Counters => new(
        Interlocked.Read(ref _logged), Interlocked.Read(ref _dropped), Interlocked.Read(ref _written), Interlocked.Read(ref _writeFailures), _buffer.Reader.Count);

    /// <summary>A new prediction id: time-ordered, 32 hex characters.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// A new prediction id for a row logged at <paramref name="time"/>: a version 7 GUID carrying that time, so the id
    /// alone says which hourly log object holds the row (see <see cref="TimeOf"/>).
    /// </summary>
    public static string NewId(DateTimeOffset time) => Guid.CreateVersion7(time).ToString("N");

    /// <summary>When the row with prediction id <paramref name="predictionId"/> was logged, or null for a string no predict call returned.</summary>
    public static DateTimeOffset? TimeOf(string predictionId) =>
        predictionId.Length == 32 && Guid.TryParseExact(predictionId, "N", out var id) && id.Version == 7
        && long.TryParse(predictionId.AsSpan(0, 12), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    /// <summary>
    /// Buffers one answered request: <paramref name="body"/> is the request body (an object, or an array with one object
    /// per row of <paramref name="rows"/>). Returns false, counting the rows as dropped, when the buffer is full.
    /// The rows are turned into their log lines here, so what waits in the buffer is one byte array per request, not the
    /// request's parsed body and answer: under load those would outlive a young-generation collection and make every
    /// collection slower. <paramref name="body"/> is read before this returns and not kept.
    /// </summary>
    public bool TryRecord(string model, int version, DateTimeOffset time, double latencyMs, JsonElement body, IReadOnlyList<RowPrediction> rows)
    {
        // Full already: drop without serializing lines nobody will write (this is the overloaded case). TryWrite below
        // stays the real check.
        if (_buffer.Reader.Count < _options.Capacity && _buffer.Writer.TryWrite(new PendingPrediction(model, version, time, Lines(model, version, time, latencyMs, body, rows), Ids(rows))))
        {
            Interlocked.Add(ref _logged, rows.Count);
            return true;
        }

        Interlocked.Add(ref _dropped, rows.Count);
        return false;
    }

    /// <summary>Drains the buffer in batches (one every <see cref="PredictionLogOptions.FlushInterval"/> at most) until <paramref name="cancellationToken"/> fires or the log is disposed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_options.FlushInterval > TimeSpan.Zero)
                {
                    await Task.Delay(_options.FlushInterval, cancellationToken).ConfigureAwait(false);
                }

                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: whatever is still buffered is written by FlushAsync / DisposeAsync.
        }
    }

    /// <summary>Writes everything buffered now. Append failures are counted and logged, not thrown.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_buffer.Reader.Count > 0)
        {
            await WriteBatchAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting requests and writes what is buffered, waiting at most <see cref="PredictionLogOptions.FlushTimeout"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(_options.FlushTimeout);
        try
        {
            await FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.PredictionLogFlushTimedOut(_logger, _buffer.Reader.Count);
        }
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batches = new Dictionary<string, LogBatch>(StringComparer.Ordinal);
            for (var taken = 0; taken < _options.MaxBatch && _buffer.Reader.TryRead(out var pending); taken++)
            {
                var key = StorageLayout.PredictionLog(pending.Model, pending.Time);
                if (!batches.TryGetValue(key, out var batch))
                {
                    batches[key] = batch = _spareBatches.TryPop(out var spare) ? spare.Start(pending.Model) : new LogBatch().Start(pending.Model);
                }

                WriteLines(pending, batch);
            }

            var indexed = new List<LogBatch>(batches.Count);
            foreach (var (key, batch) in batches)
            {
                try
                {
                    await _store.AppendAsync(key, batch.Lines.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _written, batch.Rows);
                    indexed.Add(batch);
                }
                catch (Exception e) when (e is MlopsException or IOException or UnauthorizedAccessException)
                {
                    Interlocked.Add(ref _writeFailures, batch.Rows);
                    Log.PredictionLogWriteFailed(_logger, e, key, batch.Rows);
                }
            }

            // Only rows whose bytes are in the log, and only after every append: an index write can never cost a logged row.
            foreach (var batch in indexed)
            {
                await IndexAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            foreach (var batch in batches.Values)
            {
                if (_spareBatches.Count < MaxSpareBatches)
                {
                    _spareBatches.Push(batch);
                }
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task IndexAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        foreach (var chunk in batch.Index.Values.Chunk(RecordKeys.MaxBatchOperations))
        {
            try
            {
                await _records.ExecuteAsync(RecordTables.Predictions, chunk.Select(RecordOperation.Upsert).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Any failure (an outage, a damaged database file): the rows are logged, and feedback finds unindexed ids in the log.
                Log.PredictionIndexWriteFailed(_logger, e, batch.Model, chunk.Length);
            }
        }
    }

    // One JSON line per row: the row's input as sent and its answer without the id (the id is the line's own field).
    private static byte[] Lines(string model, int version, DateTimeOffset time, double latencyMs, JsonElement body, IReadOnlyList<RowPrediction> rows)
    {
        var lines = t_lines ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_lineWriter ??= new Utf8JsonWriter(lines);
        lines.ResetWrittenCount();
        if (body.ValueKind == JsonValueKind.Array)
        {
            // Walked, not indexed: indexing an array of objects starts from its first element each time.
            var r = 0;
            foreach (var input in body.EnumerateArray().Take(rows.Count))
            {
                Line(writer, lines, model, version, time, latencyMs, input, rows[r++]);
            }
        }
        else
        {
            Line(writer, lines, model, version, time, latencyMs, body, rows[0]);
        }

        var bytes = lines.WrittenSpan.ToArray();
        if (lines.Capacity > LineBufferKeep)
        {
            t_lines = null;
            t_lineWriter = null;
        }

        return bytes;
    }

    private static void Line(Utf8JsonWriter writer, ArrayBufferWriter<byte> lines, string model, int version, DateTimeOffset time, double latencyMs, JsonElement input, RowPrediction row)
    {
        writer.Reset(lines);
        WriteLine(writer, model, version, time, latencyMs, input, row);
        writer.Flush();
        lines.Write("\n"u8);
    }

    /// <summary>
    /// One row as its <see cref="LoggedPrediction"/> line, written field by field: the same bytes as serializing the record
    /// with <see cref="MlopsJson.CompactOptions"/> (the answer without its id; a non-finite number as its name in a string),
    /// without the serializer's per-call work on the request path.
    /// </summary>
    internal static void WriteLine(Utf8JsonWriter writer, string model, int version, DateTimeOffset time, double latencyMs, JsonElement input, RowPrediction row)
    {
        writer.WriteStartObject();
        writer.WriteString(LineFields.PredictionId, row.PredictionId ?? "");
        writer.WriteString(LineFields.Model, model);
        writer.WriteNumber(LineFields.Version, version);
        writer.WriteString(LineFields.Time, time);
        WriteNumber(writer, LineFields.LatencyMs, latencyMs);
        writer.WritePropertyName(LineFields.Input);
        input.WriteTo(writer);
        writer.WriteStartObject(LineFields.Output);
        if (row.Label is { } label)
        {
            writer.WriteString(LineFields.Label, label);
        }

        if (row.Value is { } value)
        {
            WriteNumber(writer, LineFields.Value, value);
        }

        if (row.Probabilities is { } probabilities)
        {
            writer.WriteStartObject(LineFields.Probabilities);
            foreach (var (name, probability) in probabilities)
            {
                writer.WritePropertyName(name);
                WriteNumber(writer, probability);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, double value)
    {
        writer.WritePropertyName(name);
        WriteNumber(writer, value);
    }

    // As JsonNumberHandling.AllowNamedFloatingPointLiterals writes a double.
    private static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    /// <summary>The property names of a log line (camelCase, as <see cref="MlopsJson"/> names them).</summary>
    private static class LineFields
    {
        public static readonly JsonEncodedText PredictionId = JsonEncodedText.Encode("predictionId");
        public static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
        public static readonly JsonEncodedText LatencyMs = JsonEncodedText.Encode("latencyMs");
        public static readonly JsonEncodedText Input = JsonEncodedText.Encode("input");
        public static readonly JsonEncodedText Output = JsonEncodedText.Encode("output");
        public static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Probabilities = JsonEncodedText.Encode("probabilities");
    }

    private static string?[] Ids(IReadOnlyList<RowPrediction> rows)
    {
        var ids = new string?[rows.Count];
        for (var r = 0; r < ids.Length; r++)
        {
            ids[r] = rows[r].PredictionId;
        }

        return ids;
    }

    private static void WriteLines(PendingPrediction pending, LogBatch batch)
    {
        batch.Lines.Write(pending.Lines);
        foreach (var id in pending.Ids)
        {
            if (id is not null && TimeOf(id) is not null)
            {
                // Keyed by id: the same id twice (never from PredictionService) is one index entry.
                batch.Index[id] = PredictionIndexEntry.Of(pending.Model, id, pending.Version, pending.Time);
            }
        }

        batch.Rows += pending.Ids.Length;
    }

    // Batches kept for reuse: one per model and hour written at once is the usual case.
    private const int MaxSpareBatches = 4;

    /// <summary>The rows of one model and hour taken in one batch: their JSON lines and their index records.</summary>
    private sealed class LogBatch
    {
        public string Model { get; private set; } = "";

        public ArrayBufferWriter<byte> Lines { get; } = new();

        public Dictionary<string, Record> Index { get; } = new(StringComparer.Ordinal);

        public int Rows { get; set; }

        /// <summary>Empties the batch (keeping its buffers' capacity) for rows of <paramref name="model"/>.</summary>
        public LogBatch Start(string model)
        {
            Model = model;
            Lines.ResetWrittenCount();
            Index.Clear();
            Rows = 0;
            return this;
        }
    }
}
