namespace MlopsServerless.Http.Datasets;

/// <summary>One row of GET /api/datasets. A dataset whose uploads were all rejected has no latest version, and <see cref="Rejected"/> says how many.</summary>
/// <param name="Name">The dataset's stored name (usable in every route).</param>
/// <param name="Versions">How many versions it has.</param>
/// <param name="LatestVersion">The newest version, or null.</param>
/// <param name="LatestRows">The newest version's rows, or null.</param>
/// <param name="Label">The newest version's label, or null.</param>
/// <param name="LatestCreatedAt">When the newest version was made, or null.</param>
public sealed record DatasetOverview(string Name, int Versions, string? LatestVersion, long? LatestRows, string? Label, DateTimeOffset? LatestCreatedAt)
{
    /// <summary>The name as the user gave it (the folder under incoming/), when it differs from <see cref="Name"/>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>How many uploads are in quarantine (GET /api/datasets/{name}/quarantine).</summary>
    public int Rejected { get; init; }
}
