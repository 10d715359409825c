using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Training;

/// <summary>
/// Reads and writes model files. The JSON is written deterministically (fixed property order, shortest round-trip
/// numbers, no timestamps), so the same model always gives the same bytes.
/// </summary>
public static class ModelFormat
{
    /// <summary>The value of the envelope's <c>format</c> field.</summary>
    public const string FormatName = "mlops-model";

    /// <summary>The schema version this build writes. Version 1 is the first.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Options for every model file: camelCase, enums as strings, indented for diffs.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serializes <paramref name="model"/> into the versioned envelope.</summary>
    public static byte[] Serialize(TrainedModel model)
    {
        var body = JsonSerializer.SerializeToElement(model.Body, model.Body.GetType(), JsonOptions);
        var envelope = new ModelEnvelope(
            FormatName,
            CurrentSchemaVersion,
            model.Algorithm,
            model.Signature,
            new SortedDictionary<string, string>(model.Parameters.ToDictionary(), StringComparer.Ordinal),
            body,
            model.Attachments.Count == 0
                ? null
                : new SortedDictionary<string, string>(model.Attachments.ToDictionary(a => a.Key, a => Sha256(a.Value.Span)), StringComparer.Ordinal));
        return JsonSerializer.SerializeToUtf8Bytes(envelope, JsonOptions);
    }

    /// <summary>
    /// Every file <paramref name="model"/> is stored as when its envelope goes to <paramref name="modelKey"/>: the attachments
    /// first (at <see cref="AttachmentKey"/>), then the envelope, which is the commit marker. Write them in this order.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> ToFiles(TrainedModel model, string modelKey) =>
    [
        .. model.Attachments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => KeyValuePair.Create(AttachmentKey(modelKey, a.Key), a.Value)),
        KeyValuePair.Create(modelKey, (ReadOnlyMemory<byte>)Serialize(model)),
    ];

    /// <summary>Where the attachment with <paramref name="extension"/> of the envelope at <paramref name="modelKey"/> lives:
    /// <c>models/m/3/model.json</c> keeps its "zip" at <c>models/m/3/model.zip</c>.</summary>
    public static string AttachmentKey(string modelKey, string extension) =>
        (modelKey.EndsWith(".json", StringComparison.Ordinal) ? modelKey[..^".json".Length] : modelKey) + "." + extension;

    /// <summary>
    /// Reads the model file at <paramref name="modelKey"/> together with the attachments its envelope lists, each read
    /// through <paramref name="readFile"/> and checked against its recorded SHA-256.
    /// </summary>
    /// <exception cref="MlopsException">FailedPrecondition naming the key when an attachment is missing, does not match its
    /// hash, or cannot be read by its algorithm; otherwise as <see cref="Deserialize(ReadOnlySpan{byte})"/>.</exception>
    public static async Task<TrainedModel> ReadAsync(
        ReadOnlyMemory<byte> json, string modelKey, Func<string, CancellationToken, Task<ReadOnlyMemory<byte>?>> readFile, CancellationToken cancellationToken)
    {
        // A stored model file that does not parse is damaged data: FailedPrecondition naming its key, like any stored document.
        var envelope = ObjectStoreJsonExtensions.ParseStored(json, modelKey, b => ParseEnvelope(b.Span));
        if (envelope.Attachments is not { Count: > 0 } attachments)
        {
            return ObjectStoreJsonExtensions.ParseStored(json, modelKey, _ => Read(envelope));
        }

        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var (extension, sha256) in attachments)
        {
            var key = AttachmentKey(modelKey, extension);
            var bytes = await readFile(key, cancellationToken).ConfigureAwait(false)
                ?? throw MlopsException.FailedPrecondition($"The model file {modelKey} needs {key}, which is missing.");
            if (!string.Equals(Sha256(bytes.Span), sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw MlopsException.FailedPrecondition($"{key} is not the file {modelKey} was saved with (its SHA-256 differs); it was replaced or damaged.");
            }

            files[extension] = bytes;
        }

        try
        {
            return Read(envelope with { AttachedFiles = files });
        }
        catch (MlopsException e) when (e.Code == ErrorCode.InvalidArgument)
        {
            throw MlopsException.FailedPrecondition(
                $"The model stored at {modelKey} with {string.Join(", ", attachments.Keys.Select(x => AttachmentKey(modelKey, x)))} cannot be loaded: {e.Message}");
        }
    }

    /// <summary>Reads a model file written by this or an earlier schema version.</summary>
    /// <exception cref="MlopsException">InvalidArgument when the bytes are not a model file, come from a newer
    /// schema, name an unknown algorithm or are damaged.</exception>
    public static TrainedModel Deserialize(ReadOnlySpan<byte> json)
    {
        var envelope = ParseEnvelope(json);
        if (envelope.Attachments is { Count: > 0 })
        {
            throw MlopsException.FailedPrecondition(
                $"The '{envelope.Algorithm}' model keeps its fitted state in {string.Join(", ", envelope.Attachments.Keys.Select(e => "model." + e))} next to model.json; load it with ModelFormat.ReadAsync.");
        }

        return Read(envelope);
    }

    /// <summary>Reads a model file whose attachments (by extension) are already in memory, checking their hashes.</summary>
    /// <exception cref="MlopsException">FailedPrecondition when an attachment is missing, does not match its hash or cannot
    /// be read; otherwise as <see cref="Deserialize(ReadOnlySpan{byte})"/>.</exception>
    public static TrainedModel Deserialize(ReadOnlyMemory<byte> json, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> attachments) =>
        ReadAsync(json, "model.json", (key, _) => Task.FromResult<ReadOnlyMemory<byte>?>(
            attachments.TryGetValue(key["model.".Length..], out var bytes) ? bytes : null), CancellationToken.None).GetAwaiter().GetResult();

    private static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static ModelEnvelope ParseEnvelope(ReadOnlySpan<byte> json)
    {
        ModelEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<ModelEnvelope>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw MlopsException.InvalidArgument($"Not a model file: the JSON is damaged ({e.Message}).");
        }

        if (envelope is null || envelope.Format != FormatName)
        {
            throw MlopsException.InvalidArgument($"Not a model file: expected \"format\": \"{FormatName}\".");
        }

        if (envelope.SchemaVersion < 1 || envelope.SchemaVersion > CurrentSchemaVersion)
        {
            throw MlopsException.InvalidArgument(
                $"The model file has schema version {envelope.SchemaVersion}; this build reads 1 to {CurrentSchemaVersion}. Upgrade mlops to load it.");
        }

        return envelope;
    }

    private static TrainedModel Read(ModelEnvelope envelope)
    {
        try
        {
            return TrainerCatalog.Get(envelope.Algorithm).ReadModel(envelope);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or IndexOutOfRangeException or ArgumentException)
        {
            throw MlopsException.InvalidArgument($"The '{envelope.Algorithm}' model file is damaged: {e.Message}");
        }
    }
}
