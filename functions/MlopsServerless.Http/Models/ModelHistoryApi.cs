using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Registry;
using MlopsServerless.Http.Paging;

namespace MlopsServerless.Http.Models;

/// <summary>A model's stage and alias history, newest first, a page at a time (the dashboard's Models page).</summary>
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
        var page = PageRequest.From(pageSize, pageToken);
        await registry.GetRequiredAsync(name, cancellationToken).ConfigureAwait(false);
        var entries = await registry.AuditLogAsync(name, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(page.Slice(entries.Reverse().Select(AuditEntryResponse.Of).ToList()));
    }
}
