namespace MlopsServerless.Core.Registry;

/// <summary>One page of a model's audit log, newest first; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? NextPageToken);
