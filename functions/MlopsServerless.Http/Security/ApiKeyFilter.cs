using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MlopsServerless.Http.Security;

/// <summary>
/// Requires an API key in <c>x-functions-key</c> (the header Azure Functions uses, so one client works against both
/// hosts) or <c>x-api-key</c>. Keys are compared in constant time and never logged.
/// </summary>
public sealed class ApiKeyFilter(IOptions<ApiKeyOptions> options, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    // The keys' hashes, made once: a request hashes only the key it sent.
    private readonly byte[][] _expected = options.Value.Keys.Select(Hash).ToArray();

    public const string FunctionsKeyHeader = "x-functions-key";
    public const string ApiKeyHeader = "x-api-key";

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
