using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Functions.Http;

namespace MlopsServerless.Functions.Tests.Support;

/// <summary>
/// Calls the app's HTTP function for a request the way the worker's ASP.NET Core integration does: a real
/// <see cref="DefaultHttpContext"/> with the route values of the function's template, the function method itself,
/// then the <see cref="IResult"/> it returns executed on that context.
/// </summary>
internal static class HttpFunctionCaller
{
    public static async Task<HttpAnswer> SendAsync(IServiceProvider app, DurableTaskClient client, string method, string pathAndQuery, string? json)
    {
        var (path, query) = pathAndQuery.Split('?', 2) is [var p, var q] ? (p, "?" + q) : (pathAndQuery, "");
        var (function, routeValues) = Route(method, path);
        await using var scope = app.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Request.RouteValues = routeValues;
        // Kestrel (behind the worker) says whether a request can have a body; minimal APIs only bind bodies when it can.
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(json is not null));
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.DeclaringType!);
        var result = (IResult)function.Invoke(instance, [context.Request, client])!;
        await result.ExecuteAsync(context);
        return new HttpAnswer(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>The function whose method and route template match, as the worker's routing would pick it (literal segments win).</summary>
    private static (MethodInfo Function, RouteValueDictionary Values) Route(string method, string path)
    {
        var matches = new List<(MethodInfo, RouteValueDictionary, int)>();
        foreach (var function in MlopsEndpoints.HttpFunctions().Where(f => f.Methods.Contains(method, StringComparer.OrdinalIgnoreCase)))
        {
            var template = TemplateParser.Parse(function.Route);
            var values = new RouteValueDictionary();
            if (new TemplateMatcher(template, []).TryMatch(path, values))
            {
                var info = typeof(MlopsEndpoints).Assembly.GetTypes().SelectMany(t => t.GetMethods())
                    .Single(m => m.GetCustomAttribute<FunctionAttribute>()?.Name == function.Name);
                matches.Add((info, values, template.Segments.Count(s => s.IsSimple && s.Parts[0].IsLiteral)));
            }
        }

        Assert.True(matches.Count > 0, $"No HTTP function serves {method} {path}.");
        var (best, routeValues, _) = matches.MaxBy(m => m.Item3);
        return (best, routeValues);
    }
}

internal sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
{
    public bool CanHaveBody => canHaveBody;
}

/// <summary>An HTTP answer: status, content type and body text.</summary>
public sealed record HttpAnswer(int Status, string? ContentType, string Body);
