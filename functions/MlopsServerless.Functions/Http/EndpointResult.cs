using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Functions.Pipeline;

namespace MlopsServerless.Functions.Http;

/// <summary>
/// Runs one API endpoint on the function's HttpContext, as <c>mlops serve</c>'s pipeline would: an exception becomes
/// problem details through the same <see cref="IExceptionHandler"/> (MlopsExceptionHandler) its exception-handler
/// middleware calls. The worker executes this result after the function returns, so the Durable client is bound here.
/// </summary>
internal sealed class EndpointResult(RouteEndpoint endpoint, DurablePipelineLauncher launcher, DurableTaskClient client) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var scope = launcher.Use(client);
        // As routing middleware would: the endpoint's metadata (e.g. the body example a bad request's problem names)
        // is read from the context.
        httpContext.SetEndpoint(endpoint);
        try
        {
            await endpoint.RequestDelegate!(httpContext).ConfigureAwait(false);
        }
        catch (Exception e) when (!httpContext.Response.HasStarted && e is not OperationCanceledException)
        {
            httpContext.Response.Clear();
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            foreach (var handler in httpContext.RequestServices.GetServices<IExceptionHandler>())
            {
                if (await handler.TryHandleAsync(httpContext, e, httpContext.RequestAborted).ConfigureAwait(false))
                {
                    return;
                }
            }

            throw;
        }
    }
}
