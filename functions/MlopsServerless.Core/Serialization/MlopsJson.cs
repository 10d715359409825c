using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlopsServerless.Core.Serialization;

/// <summary>The JSON shape of every document Core stores: camelCase, enums as strings, indented, nulls left out.</summary>
public static class MlopsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The same shape on one line, for JSON Lines logs.</summary>
    public static JsonSerializerOptions CompactOptions { get; } = new(Options) { WriteIndented = false };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"{what} is empty.");
}
