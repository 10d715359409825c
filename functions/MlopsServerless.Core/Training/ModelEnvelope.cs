using System.Text.Json;

namespace MlopsServerless.Core.Training;

/// <summary>
/// The model file as stored (<c>model.json</c>): a versioned envelope around an algorithm-specific body.
/// <see cref="SchemaVersion"/> moves when the envelope or a body changes shape; readers keep loading older versions.
/// </summary>
public sealed record ModelEnvelope(
    string Format,
    int SchemaVersion,
    string Algorithm,
    ModelSignature Signature,
    IReadOnlyDictionary<string, string> Parameters,
    JsonElement Body);
