namespace MlopsServerless.Core.Monitoring;

/// <summary>Rows per level of one column, plus its row and missing counts.</summary>
internal sealed record LevelCounts(IReadOnlyDictionary<string, long> Counts, long Rows, long Missing);
