using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MlopsServerless.Http.Security;

/// <summary>
/// Requires an API key in <c>x-functions-key</c> (the header Azure Functions uses, so one client works against both
/// hosts) or <c>x-api-key</c>. Keys are compared in constant time and never logged. Add it with <see cref="Create"/>:
/// one filter per endpoint, made when the endpoint is built, so a request only hashes the key it sent
/// (<c>AddEndpointFilter&lt;ApiKeyFilter&gt;</c> would construct one, hashing every configured key, per request).
/// </summary>
public sealed class ApiKeyFilter(IOptions<ApiKeyOptions> options, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    // The keys' hashes, made once: a request hashes only the key it sent.
    private readonly byte[][] _expected = options.Value.Keys.Select(Hash).ToArray();

    public const string FunctionsKeyHeader = "x-functions-key";
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>The endpoint filter factory: <c>group.AddEndpointFilterFactory(ApiKeyFilter.Create)</c>.</summary>
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var filter = ActivatorUtilities.CreateInstance<ApiKeyFilter>(context.ApplicationServices);
        return invocation => filter.InvokeAsync(invocation, next);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.Value.CheckedByHost)
        {
            return await next(context).ConfigureAwait(false);
        }

        var request = context.HttpContext.Request;
        var given = request.Headers[FunctionsKeyHeader].FirstOrDefault() ?? request.Headers[ApiKeyHeader].FirstOrDefault();
        if (given is null || !Matches(Hash(given)))
        {
            Log.Unauthorized(logger, request.Method, request.Path);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: $"Send a valid API key in the {FunctionsKeyHeader} header. Locally, mlops serve prints where its key file is.");
        }

        return await next(context).ConfigureAwait(false);
    }

    // Every key is compared (no early exit), each in constant time.
    private bool Matches(byte[] given)
    {
        var matched = false;
        foreach (var expected in _expected)
        {
            matched |= CryptographicOperations.FixedTimeEquals(expected, given);
        }

        return matched;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
