using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Http.Problems;

/// <summary>
/// The detail and code for a refusal that came without one (no route, method not allowed, a limit hit before any
/// handler ran), so that every 4xx says what to fix.
/// </summary>
internal static class StatusDetails
{
    public static string Detail(HttpContext context, int status)
    {
        var request = context.Request;
        var route = $"{request.Method} {request.Path}";
        return status switch
        {
            StatusCodes.Status404NotFound => $"There is no route {route}. The API's routes are listed in /api/openapi.json.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}; use {(context.Response.Headers.Allow.ToString() is { Length: > 0 } allow ? allow : "another method")}.",
            StatusCodes.Status413PayloadTooLarge =>
                $"The request body is larger than this server accepts{(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit ? $" ({limit:N0} bytes)" : "")}. Send fewer rows per request.",
            StatusCodes.Status414UriTooLong => $"The URL is longer than {RequestLimits.MaxUrlLength:N0} characters. Send long values in a JSON body instead.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"Send the body as JSON with the header 'Content-Type: application/json' ({(request.ContentType is { Length: > 0 } type ? $"got '{(type.Length > 100 ? type[..100] + "..." : type)}'" : "no Content-Type was sent")}).",
            StatusCodes.Status401Unauthorized => "Send a valid API key in the x-functions-key header.",
            _ => $"{route} was refused ({status} {ReasonPhrases.Of(status)}). Check the request against /api/openapi.json.",
        };
    }

    /// <summary>The error code a status stands for; statuses no Core code maps to say what they are.</summary>
    public static string Code(int status) => status switch
    {
        StatusCodes.Status404NotFound => nameof(ErrorCode.NotFound),
        StatusCodes.Status409Conflict => nameof(ErrorCode.Conflict),
        StatusCodes.Status401Unauthorized => "Unauthenticated",
        StatusCodes.Status503ServiceUnavailable => nameof(ErrorCode.Unavailable),
        >= 500 => "Internal",
        _ => nameof(ErrorCode.InvalidArgument),
    };
}
