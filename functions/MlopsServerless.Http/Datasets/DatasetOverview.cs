namespace MlopsServerless.Http.Datasets;

/// <summary>One row of GET /api/datasets.</summary>
public sealed record DatasetOverview(string Name, int Versions, string LatestVersion, long LatestRows, string Label, DateTimeOffset LatestCreatedAt);
