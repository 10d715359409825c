using System.Text.Json;
using System.Text.Json.Serialization;
using MlopsServerless.Core.Errors;

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
            body);
        return JsonSerializer.SerializeToUtf8Bytes(envelope, JsonOptions);
    }

    /// <summary>Reads a model file written by this or an earlier schema version.</summary>
    /// <exception cref="MlopsException">InvalidArgument when the bytes are not a model file, come from a newer
    /// schema, name an unknown algorithm or are damaged.</exception>
    public static TrainedModel Deserialize(ReadOnlySpan<byte> json)
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
