using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Functions.Hosting;
using MlopsServerless.Functions.Http;
using MlopsServerless.Functions.Pipeline;

namespace MlopsServerless.Functions.Tests;

/// <summary>The worker host as Program.cs builds it (not started: there is no Functions host to connect to here).</summary>
public sealed class WorkerHostTests
{
    [Fact]
    public void WorkerHost_BuiltLikeProgram_ResolvesTheAppsServices()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Configuration["MlopsStorage"] = "UseDevelopmentStorage=true";
        builder.Services.AddMlopsFunctions(builder.Configuration);

        using var host = builder.Build();

        Assert.IsType<DurablePipelineLauncher>(host.Services.GetRequiredService<IPipelineLauncher>());
        var endpoints = host.Services.GetRequiredService<MlopsEndpoints>();
        Assert.Equal(MlopsEndpoints.HttpFunctions().Count, endpoints.Endpoints.Sum(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Count));
        Assert.Contains(host.Services.GetRequiredService<EndpointDataSource>().Endpoints, e => e.DisplayName?.Contains("PredictAsync", StringComparison.Ordinal) == true);
    }
}
