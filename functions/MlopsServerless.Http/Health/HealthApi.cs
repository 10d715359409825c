using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Http.Health;

/// <summary>The one anonymous endpoint: is the service up, and which code is it running.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth).WithTags("Health");
        return app;
    }

    public static Ok<HealthStatus> GetHealth() => TypedResults.Ok(new HealthStatus("ok", CodeVersion.Current));
}
