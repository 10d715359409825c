using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace MlopsServerless.Http.Problems;

/// <summary>
/// Says what to fix when ASP.NET Core refuses a request before a handler runs (route handlers throw these because
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on): a query value of the wrong type, a missing or unreadable JSON
/// body, the wrong content type, a body over the size limit.
/// </summary>
internal static partial class BadRequestDetails
{
    public static string Describe(BadHttpRequestException error, HttpContext? context)
    {
        // The exception handler clears the endpoint before it runs; its feature keeps the one that failed.
        var endpoint = context?.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context?.GetEndpoint();
        var hint = endpoint?.Metadata.GetMetadata<BodyHint>() is { } h ? $" Send {h.Example}." : "";
        if (context is not null && error.StatusCode is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType)
        {
            return StatusDetails.Detail(context, error.StatusCode) + hint;
        }

        var message = error.Message;
        if (BindingFailed().Match(message) is { Success: true } bind)
        {
            return $"'{bind.Groups["name"].Value}' must be {Words(bind.Groups["type"].Value) ?? "a " + Unwrap(bind.Groups["type"].Value)}; got '{Clip(bind.Groups["value"].Value)}'.";
        }

        if (NoBody().IsMatch(message) || (RequiredMissing().Match(message) is { Success: true } missing && missing.Groups["source"].Value == "body"))
        {
            return $"This request needs a JSON body with Content-Type: application/json.{hint}";
        }

        if (RequiredMissing().Match(message) is { Success: true } required)
        {
            return $"'{required.Groups["name"].Value}' is required ({required.Groups["source"].Value}).";
        }

        if (UnreadableJson().IsMatch(message))
        {
            return $"The request body is not valid JSON for this request: {Json(error.InnerException as JsonException)}{hint}";
        }

        return message;
    }

    /// <summary>What a JSON reader or converter said, turned toward the field and the fix.</summary>
    public static string Json(JsonException? error)
    {
        if (error is null)
        {
            return "it could not be read.";
        }

        var field = error.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : error.Path;
        if (WrongType().Match(error.Message) is { Success: true } wrong && field is not null)
        {
            return field == "$"
                ? "the body must be one JSON object, not an array or a single value."
                : Words(wrong.Groups["type"].Value.TrimEnd('.')) is { } words
                    ? $"'{field}' must be {words}."
                    : $"'{field}' has the wrong JSON type (a number where text belongs, or text where a number does).";
        }

        return Clip(error.Message, 300);
    }

    // Type names as the framework prints them ("int?", "Nullable<int>", "System.String") in the caller's words.
    // A converter error inside a record names the record, not the field's type: then there are no words (null).
    private static string? Words(string type) => Unwrap(type) switch
    {
        "int" or "long" or "Int32" or "Int64" => "a whole number",
        "double" or "float" or "decimal" or "Double" or "Single" or "Decimal" => "a number",
        "bool" or "Boolean" => "true or false",
        "string" or "String" => "a string (in double quotes)",
        _ => null,
    };

    private static string Unwrap(string type)
    {
        var name = type.TrimEnd('?');
        if (name.StartsWith("Nullable<", StringComparison.Ordinal) && name.EndsWith('>'))
        {
            name = name["Nullable<".Length..^1];
        }

        return name.Split('.')[^1];
    }

    private static string Clip(string text, int max = 100) => text.Length > max ? text[..max] + "..." : text;

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindingFailed();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided from (?<source>.+)\\.$", RegexOptions.Singleline)]
    private static partial Regex RequiredMissing();

    [GeneratedRegex("^Implicit body inferred for parameter", RegexOptions.Singleline)]
    private static partial Regex NoBody();

    [GeneratedRegex("^Failed to read parameter \".+\" from the request body as JSON\\.$", RegexOptions.Singleline)]
    private static partial Regex UnreadableJson();

    [GeneratedRegex("could not be converted to (?<type>[A-Za-z0-9_.`\\[\\]]+)")]
    private static partial Regex WrongType();
}
