using MlopsServerless.Core.Registry;

namespace MlopsServerless.Http.Models;

/// <summary>One stage or alias change of GET /api/models/{name}/history: when, who, what, from and to, why.</summary>
public sealed record AuditEntryResponse(DateTimeOffset Time, string Actor, string Action, int Version, string? From, string? To, string Reason)
{
    public static AuditEntryResponse Of(AuditEntry entry) =>
        new(entry.Time, entry.Actor, entry.Action, entry.Version, entry.From, entry.To, entry.Reason);
}
