namespace MlopsServerless.Core.Registry;

/// <summary>
/// One audit entry of a model: who changed which stage or alias, when and why. Stored as a record written in the same
/// batch as the change; earlier versions appended them to <c>models/{name}/audit.jsonl</c> (imported once).
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset Time,
    string Actor,
    string Action,
    int Version,
    string? From,
    string? To,
    string Reason);
