namespace MlopsServerless.Core.Ingestion;

/// <summary>One reason an upload was rejected: a machine-readable code, the 1-based line (0 for the whole file), the column and what to fix.</summary>
public sealed record IngestionProblem(string Code, long Line, string? Column, string Message);
