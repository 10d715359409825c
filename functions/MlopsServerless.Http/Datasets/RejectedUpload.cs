namespace MlopsServerless.Http.Datasets;

/// <summary>One entry of GET /api/datasets/{name}/quarantine: a rejected upload, where its bytes are kept and why it was rejected.</summary>
public sealed record RejectedUpload(
    string Id,
    string? FileName,
    string Source,
    string QuarantinedFile,
    long SizeBytes,
    string? Sha256,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<UploadProblem> Problems);

/// <summary>One reason an upload was rejected: a machine-readable code, the line (0 for the whole file), the column and what to fix.</summary>
public sealed record UploadProblem(string Code, long Line, string? Column, string Message);
