using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Http.Problems;

/// <summary>The one table from Core's error codes to HTTP statuses, used by both hosts (RFC 7807 problem details).</summary>
public static class ProblemMapping
{
    public static int StatusOf(ErrorCode code) => code switch
    {
        ErrorCode.NotFound => StatusCodes.Status404NotFound,
        ErrorCode.AlreadyExists => StatusCodes.Status409Conflict,
        ErrorCode.InvalidArgument => StatusCodes.Status400BadRequest,
        ErrorCode.FailedPrecondition => StatusCodes.Status409Conflict,
        ErrorCode.Conflict => StatusCodes.Status409Conflict,
        ErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The problem details for <paramref name="error"/>. Unexpected errors say nothing of their internals.</summary>
    public static ProblemDetails For(Exception error, string? instance)
    {
        var (status, code, detail) = error switch
        {
            MlopsException m => (StatusOf(m.Code), m.Code.ToString(), m.Message),
            BadHttpRequestException b => (b.StatusCode, nameof(ErrorCode.InvalidArgument), "The request body is not valid JSON: " + (b.InnerException?.Message ?? b.Message)),
            System.Text.Json.JsonException j => (StatusCodes.Status400BadRequest, nameof(ErrorCode.InvalidArgument), "The request body is not valid JSON: " + j.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal", "Something failed on the server; the error is logged. Try again, and report it if it persists."),
        };
        return new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrases.Of(status),
            Detail = detail,
            Instance = instance,
            Type = "https://httpstatuses.io/" + status,
            Extensions = { ["code"] = code },
        };
    }

    public static ProblemHttpResult Result(Exception error, string? instance) => TypedResults.Problem(For(error, instance));
}
