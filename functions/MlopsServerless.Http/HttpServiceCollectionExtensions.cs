using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Http.Monitoring;
using MlopsServerless.Http.Problems;
using MlopsServerless.Http.Security;

namespace MlopsServerless.Http;

/// <summary>Registers what the HTTP API needs in either host: problem details, the exception handler, API keys, JSON shape.</summary>
public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddMlopsHttp(this IServiceCollection services, Action<ApiKeyOptions> configureKeys)
    {
        services.AddProblemDetails();
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
