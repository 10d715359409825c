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
    public static ProblemDetails For(Exception error, string? instance) => For(error, null, instance);

    /// <summary>
    /// The problem details for <paramref name="error"/> raised while serving <paramref name="context"/>: Core's errors by
    /// their code, a request the framework could not bind (wrong type, no body, not JSON, wrong content type, too large)
    /// as a 4xx saying what to fix, a JSON error in a request body as 400. Unexpected errors say nothing of their internals.
    /// </summary>
    public static ProblemDetails For(Exception error, HttpContext? context, string? instance = null)
    {
        var (status, code, detail) = error switch
        {
            MlopsException m => (StatusOf(m.Code), m.Code.ToString(), m.Message),
            BadHttpRequestException b => (b.StatusCode, StatusDetails.Code(b.StatusCode), BadRequestDetails.Describe(b, context)),
            System.Text.Json.JsonException j => (StatusCodes.Status400BadRequest, nameof(ErrorCode.InvalidArgument), "The request body is not valid JSON: " + BadRequestDetails.Json(j)),
            _ => (StatusCodes.Status500InternalServerError, "Internal", "Something failed on the server; the error is logged. Try again, and report it if it persists."),
        };
        return Create(status, code, detail, instance ?? context?.Request.Path);
    }

    public static ProblemHttpResult Result(Exception error, string? instance) => TypedResults.Problem(For(error, instance));

    /// <summary>Fills what a problem written without one lacks (a status-code page, the API key filter): detail, code, type.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Title ??= ReasonPhrases.Of(status);
        problem.Type = "https://httpstatuses.io/" + status;
        problem.Instance ??= context.HttpContext.Request.Path;
        if (string.IsNullOrWhiteSpace(problem.Detail))
        {
            problem.Detail = StatusDetails.Detail(context.HttpContext, status);
        }

        problem.Extensions.TryAdd("code", StatusDetails.Code(status));
    }

    private static ProblemDetails Create(int status, string code, string detail, string? instance) => new()
    {
        Status = status,
        Title = ReasonPhrases.Of(status),
        Detail = detail,
        Instance = instance,
        Type = "https://httpstatuses.io/" + status,
        Extensions = { ["code"] = code },
    };
}
