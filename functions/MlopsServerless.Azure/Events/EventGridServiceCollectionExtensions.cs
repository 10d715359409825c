using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Events;

namespace MlopsServerless.Azure.Events;

/// <summary>Registers Event Grid as the <see cref="IEventPublisher"/>.</summary>
public static class EventGridServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="EventGridEventPublisher"/> as <see cref="IEventPublisher"/>, configured by
    /// <paramref name="configure"/> on top of any <see cref="EventGridPublisherOptions"/> bound elsewhere. The options
    /// are validated when the publisher is first resolved; a bad setting fails with InvalidArgument naming it.
    /// </summary>
    public static IServiceCollection AddEventGridPublisher(this IServiceCollection services, Action<EventGridPublisherOptions>? configure = null)
    {
        var options = services.AddOptions<EventGridPublisherOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton(provider => new EventGridEventPublisher(
            provider.GetRequiredService<IOptions<EventGridPublisherOptions>>().Value,
            provider.GetService<ILogger<EventGridEventPublisher>>()));
        services.AddSingleton<IEventPublisher>(provider => provider.GetRequiredService<EventGridEventPublisher>());
        return services;
    }
}
