using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Registry;
using MlopsServerless.Http.Paging;

namespace MlopsServerless.Http.Models;

/// <summary>A model's stage and alias history, newest first, a page at a time (the dashboard's Models page): one range read per page.</summary>
public static class ModelHistoryApi
{
    public static RouteGroupBuilder MapModelHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/models/{name}/history", GetHistoryAsync).WithTags("Models");
        return api;
    }

    public static async Task<Ok<Page<AuditEntryResponse>>> GetHistoryAsync(
        string name, int? pageSize, string? pageToken, ModelRegistry registry, CancellationToken cancellationToken)
    {
        // The size is checked like every list's; the token is the registry's own (where in the audit log the page starts).
        var size = PageRequest.CheckedSize(pageSize);
        var page = await registry.AuditPageAsync(name, size, pageToken, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new Page<AuditEntryResponse>(page.Entries.Select(AuditEntryResponse.Of).ToList(), page.NextPageToken));
    }
}
