namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// One reason an upload was rejected: a machine-readable code, the 1-based line (0 for the whole file), the column and
/// what to fix. The column and message are bounded (<see cref="ReportText"/>), whatever the upload held.
/// </summary>
public sealed record IngestionProblem(string Code, long Line, string? Column, string Message)
{
    public string? Column { get; init; } = Column is null ? null : ReportText.Bound(Column, ReportText.MaxName);

    public string Message { get; init; } = ReportText.Bound(Message, ReportText.MaxMessage);
}
