namespace MlopsServerless.Core.Tracking;

/// <summary>One page of runs; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record RunPage(IReadOnlyList<PipelineRun> Runs, string? NextPageToken);
