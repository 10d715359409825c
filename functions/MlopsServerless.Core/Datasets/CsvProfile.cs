namespace MlopsServerless.Core.Datasets;

/// <summary>What one streaming pass over a CSV learned: its content hash, size, row count and column profiles.</summary>
public sealed record CsvProfile(string Sha256, long SizeBytes, long RowCount, IReadOnlyList<ColumnProfile> Columns);
