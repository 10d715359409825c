namespace MlopsServerless.Core.Registry;

/// <summary>One line of <c>models/{name}/audit.jsonl</c>: who changed what, when and why.</summary>
public sealed record AuditEntry(
    DateTimeOffset Time,
    string Actor,
    string Action,
    int Version,
    string? From,
    string? To,
    string Reason);
