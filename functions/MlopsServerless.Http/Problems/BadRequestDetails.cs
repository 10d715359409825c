using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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
        var hint = context?.GetEndpoint()?.Metadata.GetMetadata<BodyHint>() is { } h ? $" Send {h.Example}." : "";
        if (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context?.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            return $"The request body is larger than this server accepts{(limit is { } l ? $" ({l.ToString("N0", CultureInfo.InvariantCulture)} bytes)" : "")}. Send fewer rows per request.";
        }

        if (error.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            var given = context?.Request.ContentType is { Length: > 0 } type ? $"got '{Clip(type)}'" : "no Content-Type was sent";
            return $"Send the body as JSON with the header 'Content-Type: application/json' ({given}).{hint}";
        }

        var message = error.Message;
        if (BindingFailed().Match(message) is { Success: true } bind)
        {
            return $"'{bind.Groups["name"].Value}' must be {Words(bind.Groups["type"].Value)}; got '{Clip(bind.Groups["value"].Value)}'.";
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
            return $"'{field}' must be {Words(wrong.Groups["type"].Value)}.";
        }

        return Clip(error.Message, 300);
    }

    private static string Words(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "System.Int32" or "System.Int64" or "Nullable`1" => "a whole number",
        "double" or "float" or "decimal" or "System.Double" => "a number",
        "bool" or "System.Boolean" => "true or false",
        "string" or "System.String" => "a string (in double quotes)",
        var other when other.Contains("Nullable", StringComparison.Ordinal) && other.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        var other => $"a {other.Split('.')[^1]}",
    };

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
