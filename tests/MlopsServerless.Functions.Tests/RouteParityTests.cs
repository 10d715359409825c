using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Functions.Http;
using MlopsServerless.Functions.Tests.Support;

namespace MlopsServerless.Functions.Tests;

/// <summary>
/// The Functions app serves the API <c>mlops serve</c> serves: one HTTP function per endpoint, same method and route
/// template. When a route is added to MapMlopsApi, these tests name the function to add.
/// </summary>
public sealed class RouteParityTests
{
    [Fact]
    public async Task HttpFunctions_AgainstMlopsServeEndpoints_MatchOneToOne()
    {
        var served = await ServedRoutesAsync();
        var functions = FunctionsApp.Metadata()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => MlopsEndpoints.RouteKey(m.GetString()!, b.GetProperty("route").GetString()))))
            .ToList();

        var missing = served.Except(functions).Order(StringComparer.Ordinal).ToList();
        var extra = functions.Except(served).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "mlops serve maps routes no HTTP function serves; add a function for each: " + string.Join("; ", missing));
        Assert.True(extra.Count == 0, "HTTP functions serve routes mlops serve does not map: " + string.Join("; ", extra));
        Assert.Equal(functions.Count, functions.Distinct().Count());
    }

    [Fact]
    public void HttpFunctions_ByReflection_AgreeWithTheGeneratedMetadata()
    {
        var metadata = FunctionsApp.Metadata()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .Select(b => $"{f.GetProperty("name").GetString()} {b.GetProperty("authLevel").GetString()} {MlopsEndpoints.RouteKey(b.GetProperty("methods")[0].GetString()!, b.GetProperty("route").GetString())}"))
            .Order(StringComparer.Ordinal);
        var reflected = MlopsEndpoints.HttpFunctions()
            .Select(f => $"{f.Name} {f.AuthLevel} {MlopsEndpoints.RouteKey(f.Methods[0], f.Route)}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(metadata, reflected);
    }

    /// <summary>"METHOD route" for every endpoint of <c>mlops serve</c>, read from its built web app's endpoint data sources.</summary>
    internal static async Task<List<string>> ServedRoutesAsync()
    {
        using var data = new TempDataDir();
        await using var app = LocalServer.Build(data.Path, port: 0, watch: false, LogLevel.Warning);
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => MlopsEndpoints.RouteKey(m, e.RoutePattern.RawText)))
            .ToList();
    }
}
