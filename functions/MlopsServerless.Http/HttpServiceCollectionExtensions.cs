using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Http.Monitoring;
using MlopsServerless.Http.Problems;
using MlopsServerless.Http.Security;

namespace MlopsServerless.Http;

/// <summary>Registers what the HTTP API needs in either host: problem details, the exception handler, binding failures that throw, API keys, JSON shape.</summary>
public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddMlopsHttp(this IServiceCollection services, Action<ApiKeyOptions> configureKeys)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemMapping.Complete);

        // Binding failures (a query value of the wrong type, no body, unreadable JSON, the wrong content type) throw, so the
        // exception handler answers them with a detail that says what to fix instead of an empty 400/415.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddExceptionHandler<MlopsExceptionHandler>();
        services.Configure(configureKeys);
        services.AddSingleton<FeatureDistributions>();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return services;
    }
}
