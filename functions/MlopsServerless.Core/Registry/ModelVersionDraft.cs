namespace MlopsServerless.Core.Registry;

/// <summary>
/// What registration needs: lineage, test metrics and the version's files (file name -> bytes: model.json,
/// signature.json, card.json, metrics.json, profile.json ...). <paramref name="RunId"/> makes registration idempotent:
/// registering the same run again returns the version it already made.
/// </summary>
public sealed record ModelVersionDraft(
    string RunId,
    string Dataset,
    string DatasetVersion,
    string Algorithm,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Files);
