namespace MlopsServerless.Core.Ingestion;

/// <summary>Why an upload was rejected (<c>quarantine/{dataset}/{id}/report.json</c>); the original file sits beside it.</summary>
public sealed record QuarantineReport(
    string Dataset,
    string Id,
    string Source,
    string QuarantinedFile,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<IngestionProblem> Problems);
