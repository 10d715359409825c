using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// JSON shape of drift documents: snake_case names and enum values (<c>ks_pvalue</c>, <c>not_enough_data</c>), nulls
/// written so every report has the same fields. Property order follows the records, so output is deterministic.
/// </summary>
public static class DriftJson
{
    /// <summary>Indented, for reports.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>Compact, for the reference profile (it carries thousands of sample values).</summary>
    public static JsonSerializerOptions CompactOptions { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = indented,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
