using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlopsServerless.Functions.Pipeline;
using MlopsServerless.Http;

namespace MlopsServerless.Functions.Http;

/// <summary>
/// The HTTP API exactly as <c>mlops serve</c> maps it (<see cref="MlopsApi.MapMlopsApi"/>: the same handlers, binding,
/// filters and problem details), built once into an endpoint table. Each HTTP function names itself and gets the
/// endpoint with its method and route template; a function whose route the API does not have fails at start-up.
/// </summary>
public sealed class MlopsEndpoints
{
    private readonly Dictionary<string, RouteEndpoint> _byFunction;
    private readonly DurablePipelineLauncher _launcher;

    public MlopsEndpoints(IServiceProvider services, DurablePipelineLauncher launcher)
    {
        _launcher = launcher;
        var table = new EndpointTable(services);
        table.MapMlopsApi();
        DataSources = [.. table.DataSources];
        Endpoints = DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
        var byRoute = Endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Key: RouteKey(m, e.RoutePattern.RawText), Endpoint: e)))
            .ToDictionary(x => x.Key, x => x.Endpoint, StringComparer.Ordinal);
        _byFunction = [];
        foreach (var function in HttpFunctions())
        {
            _byFunction[function.Name] = function.Methods.Select(m => byRoute.GetValueOrDefault(RouteKey(m, function.Route))).Distinct().SingleOrDefault()
                ?? throw new InvalidOperationException($"HTTP function {function.Name} ({string.Join(",", function.Methods)} {function.Route}) has no endpoint in MapMlopsApi with that method and route.");
        }
    }

    /// <summary>The API's endpoint data sources.</summary>
    public IReadOnlyList<EndpointDataSource> DataSources { get; }

    /// <summary>Every endpoint of the API.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints { get; }

    /// <summary>"GET api/models/{name}": the method and the template without its leading slash, as a Functions route is written.</summary>
    public static string RouteKey(string method, string? template) =>
        method.ToUpperInvariant() + " " + (template == RootRoute ? "" : (template ?? "").Trim('/'));

    /// <summary>The Functions route template of the site root: an optional segment that must be empty.</summary>
    public const string RootRoute = "{ignored:maxlength(0)?}";

    /// <summary>The app's HTTP functions, read from their <c>[Function]</c> and <c>[HttpTrigger]</c> attributes.</summary>
    public static IReadOnlyList<HttpFunction> HttpFunctions() =>
        typeof(MlopsEndpoints).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new HttpFunction(x.Function!.Name, x.Trigger!.Methods ?? [], x.Trigger.Route ?? x.Function.Name, x.Trigger.AuthLevel))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The response of HTTP function <paramref name="function"/>: its endpoint run on the request's context, with
    /// <paramref name="client"/> as the Durable client for any run it starts or reads.
    /// </summary>
    public IResult Invoke(DurableTaskClient client, [System.Runtime.CompilerServices.CallerMemberName] string function = "") =>
        new EndpointResult(_byFunction[function], _launcher, client);

    private sealed class EndpointTable(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}
