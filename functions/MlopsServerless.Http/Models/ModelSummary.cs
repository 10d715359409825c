using MlopsServerless.Core.Registry;

namespace MlopsServerless.Http.Models;

/// <summary>One row of GET /api/models.</summary>
public sealed record ModelSummary(string Name, int Versions, int? LatestVersion, int? ProductionVersion, IReadOnlyDictionary<string, double>? ProductionMetrics, IReadOnlyDictionary<string, int> Aliases)
{
    public static ModelSummary From(RegisteredModel model) =>
        new(model.Name, model.Versions.Count, model.Latest?.Version, model.Production?.Version, model.Production?.Metrics, model.Aliases);
}
