using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlopsServerless.Core.Training;

/// <summary>
/// The model file as stored (<c>model.json</c>): a versioned envelope around an algorithm-specific body.
/// <see cref="SchemaVersion"/> moves when the envelope or a body changes shape; readers keep loading older versions.
/// </summary>
/// <param name="Format">Always <see cref="ModelFormat.FormatName"/>.</param>
/// <param name="SchemaVersion">The envelope's shape version.</param>
/// <param name="Algorithm">The registered algorithm that reads <paramref name="Body"/>.</param>
/// <param name="Signature">Inputs, label, task and class names.</param>
/// <param name="Parameters">The hyperparameters the model was trained with.</param>
/// <param name="Body">The algorithm's fitted state.</param>
/// <param name="Attachments">Files the model keeps next to <c>model.json</c> (for example an ML.NET <c>model.zip</c>), by
/// extension, with the SHA-256 (lowercase hex) of their bytes. Absent for models that live in the JSON alone.</param>
public sealed record ModelEnvelope(
    string Format,
    int SchemaVersion,
    string Algorithm,
    ModelSignature Signature,
    IReadOnlyDictionary<string, string> Parameters,
    JsonElement Body,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Attachments = null)
{
    /// <summary>The bytes of <see cref="Attachments"/>, verified against their hashes, when the model was read with them.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> AttachedFiles { get; init; } = new Dictionary<string, ReadOnlyMemory<byte>>();
}
