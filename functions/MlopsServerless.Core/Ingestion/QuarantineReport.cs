namespace MlopsServerless.Core.Ingestion;

/// <summary>Why an upload was rejected (<c>quarantine/{dataset}/{id}/report.json</c>); the original file sits beside it.</summary>
/// <param name="Dataset">The dataset's stored name.</param>
/// <param name="Id">The entry's id: the first 16 hex digits of the upload's SHA-256.</param>
/// <param name="Source">The upload's key.</param>
/// <param name="QuarantinedFile">The key of the kept original bytes.</param>
/// <param name="ReceivedAt">When the upload was read.</param>
/// <param name="Problems">What is wrong, the problem that explains the others first.</param>
public sealed record QuarantineReport(
    string Dataset,
    string Id,
    string Source,
    string QuarantinedFile,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<IngestionProblem> Problems)
{
    /// <summary>The dataset as the user named it (its folder under incoming/).</summary>
    public string? DatasetName { get; init; }

    /// <summary>The file name as the user gave it.</summary>
    public string? FileName { get; init; }

    /// <summary>The upload's size and full SHA-256, so the kept copy can be checked against them.</summary>
    public long SizeBytes { get; init; }

    public string? Sha256 { get; init; }
}
