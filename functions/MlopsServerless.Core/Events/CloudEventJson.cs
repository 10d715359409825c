using System.Text.Json;

namespace MlopsServerless.Core.Events;

/// <summary>Writes an event in the CloudEvents 1.0 JSON event format (structured mode, one JSON object per event).</summary>
public static class CloudEventJson
{
    /// <summary>The <c>specversion</c> this writer produces.</summary>
    public const string SpecVersion = "1.0";

    /// <summary>Serializes <paramref name="e"/> as one compact JSON object (no line breaks, so it fits a JSON Lines log).</summary>
    public static byte[] Serialize(MlopsEvent e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", SpecVersion);
            writer.WriteString("id", e.Id);
            writer.WriteString("source", e.Source);
            writer.WriteString("type", e.Type);
            writer.WriteString("subject", e.Subject);
            writer.WriteString("time", e.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("datacontenttype", "application/json");
            writer.WritePropertyName("data");
            e.Data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
