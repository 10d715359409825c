using Microsoft.AspNetCore.Http;

namespace MlopsServerless.Http.Problems;

/// <summary>
/// Refuses a URL longer than <see cref="MaxUrlLength"/> with problem details. (A host's own request-line limit, which
/// answers before any middleware runs, should sit above this one; <c>mlops serve</c> sets Kestrel's to 64 KiB.)
/// </summary>
internal sealed class RequestLimits(RequestDelegate next)
{
    /// <summary>Longest path plus query string the API reads.</summary>
    public const int MaxUrlLength = 8_192;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0) > MaxUrlLength)
        {
            throw new BadHttpRequestException(StatusDetails.Detail(context, StatusCodes.Status414UriTooLong), StatusCodes.Status414UriTooLong);
        }

        return next(context);
    }
}
