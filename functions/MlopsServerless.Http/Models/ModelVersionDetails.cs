using System.Text.Json;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Http.Models;

/// <summary>GET /api/models/{name}/versions/{version}: the version, its aliases, signature and model card.</summary>
public sealed record ModelVersionDetails(string Model, ModelVersion Version, IReadOnlyList<string> Aliases, JsonElement? Signature, JsonElement? Card);
