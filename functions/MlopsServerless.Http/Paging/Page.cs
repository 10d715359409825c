namespace MlopsServerless.Http.Paging;

/// <summary>One page of a list, newest first; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);
