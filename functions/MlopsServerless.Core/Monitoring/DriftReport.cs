using System.Text.Json;

namespace MlopsServerless.Core.Monitoring;

/// <summary>The result of comparing current data with a <see cref="DriftReference"/>. Drift found is an outcome, not an error.</summary>
/// <param name="ModelId">Model (and version) the reference belongs to, when known.</param>
/// <param name="DatasetId">Dataset (and version) the current data came from, when known.</param>
/// <param name="ReferenceRows">Rows the reference was built from.</param>
/// <param name="CurrentRows">Rows compared.</param>
/// <param name="Features">One entry per compared feature, in the reference's order.</param>
/// <param name="MissingColumns">Reference features absent from the current data (not counted in the share).</param>
/// <param name="UnexpectedColumns">Current columns the reference does not know (not compared).</param>
/// <param name="DriftedFeatures">Features with verdict <see cref="DriftVerdict.Drifted"/>.</param>
/// <param name="DriftedShare">Drifted features over judged features (those not <see cref="DriftVerdict.NotEnoughData"/>); 0 when none.</param>
/// <param name="Verdict">Drifted when the share reaches the policy's threshold or an important feature drifted; Warning when
/// any feature drifted or warned short of that; NotEnoughData when no feature could be judged; otherwise NoDrift.</param>
public sealed record DriftReport(
    string? ModelId,
    string? DatasetId,
    long ReferenceRows,
    long CurrentRows,
    IReadOnlyList<FeatureDrift> Features,
    IReadOnlyList<string> MissingColumns,
    IReadOnlyList<string> UnexpectedColumns,
    int DriftedFeatures,
    double DriftedShare,
    DriftVerdict Verdict)
{
    /// <summary>The report as snake_case JSON (see <see cref="DriftJson"/>).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, DriftJson.Options);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The bytes are not a drift report.</exception>
    public static DriftReport FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<DriftReport>(json, DriftJson.Options) ?? throw new JsonException("The drift report is empty.");
}
