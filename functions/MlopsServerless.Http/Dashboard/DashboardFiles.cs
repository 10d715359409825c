using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlopsServerless.Http.Dashboard;

/// <summary>
/// The dashboard's static files (HTML, CSS, JavaScript modules), embedded in this assembly and served the same way by
/// both hosts: <c>GET /</c> and <c>GET /ui/{file}</c>. They hold no data, so they need no key; every data call the page
/// makes goes to the JSON API with the key in <c>x-functions-key</c>. A strict Content-Security-Policy allows only
/// this origin's scripts, styles and API, and no inline script.
/// </summary>
public static class DashboardFiles
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Prefix = "dashboard/";

    private static readonly FrozenDictionary<string, StaticFile> Files = Load();

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetIndex).ExcludeFromDescription();
        app.MapGet("/ui/{file}", GetFile).ExcludeFromDescription();
        return app;
    }

    /// <summary>The dashboard's page.</summary>
    public static IResult GetIndex(HttpContext context) => Serve(Files["index.html"], context);

    /// <summary>One of the dashboard's files by name; names are looked up, never turned into paths.</summary>
    public static IResult GetFile(string file, HttpContext context) =>
        Files.TryGetValue(file, out var found) && file != "index.html"
            ? Serve(found, context)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"The dashboard has no file '{file}'.");

    /// <summary>The names of the embedded files.</summary>
    public static IReadOnlyCollection<string> Names => Files.Keys;

    private static IResult Serve(StaticFile file, HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Names are not fingerprinted, so browsers revalidate every time; an unchanged file costs a 304.
        headers.CacheControl = "no-cache";
        headers.ETag = file.ETag;
        return context.Request.Headers.IfNoneMatch.Contains(file.ETag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(file.Content, file.ContentType);
    }

    private static FrozenDictionary<string, StaticFile> Load()
    {
        var assembly = typeof(DashboardFiles).Assembly;
        var files = new Dictionary<string, StaticFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource[Prefix.Length..];
            files[name] = new StaticFile(content, ContentTypeOf(name), "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private sealed record StaticFile(byte[] Content, string ContentType, string ETag);
}
