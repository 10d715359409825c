using Microsoft.AspNetCore.Builder;
using MlopsServerless.Http.Problems;

namespace MlopsServerless.Http;

/// <summary>The request pipeline the API needs in a host that runs ASP.NET Core middleware (<c>mlops serve</c>).</summary>
public static class HttpApplicationBuilderExtensions
{
    /// <summary>
    /// Every refusal as problem details: exceptions through <see cref="MlopsExceptionHandler"/>, bare 4xx statuses (no
    /// route, method not allowed) through the status-code pages, and the URL length limit. Call before mapping the API.
    /// </summary>
    public static IApplicationBuilder UseMlopsHttp(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLimits>();
        return app;
    }
}
