using Microsoft.Extensions.Configuration;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// Where the CLI's settings come from: <c>Mlops__Section__Key</c> environment variables (the same names the Functions
/// app reads), plus the documented short names MLOPS_API_KEY, MLOPS_EVENTS_WEBHOOK and MLOPS_DRIFT_INTERVAL_MINUTES
/// mapped onto their sections. The long form wins when both are set.
/// </summary>
internal static class LocalConfiguration
{
    public const string ApiKey = "Mlops:ApiKey";
    public const string EventsWebhook = "Mlops:Events:Webhook";
    public const string DriftSchedule = "Mlops:DriftSchedule";

    private static readonly (string Variable, string Key)[] ShortNames =
    [
        ("MLOPS_API_KEY", ApiKey),
        ("MLOPS_EVENTS_WEBHOOK", EventsWebhook),
        ("MLOPS_DRIFT_INTERVAL_MINUTES", DriftSchedule + ":IntervalMinutes"),
    ];

    public static IConfigurationRoot Build() => new ConfigurationBuilder().AddMlopsEnvironment().Build();

    public static IConfigurationBuilder AddMlopsEnvironment(this IConfigurationBuilder builder)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var mapped = ShortNames
            .Where(n => !string.IsNullOrEmpty(environment[n.Variable]))
            .ToDictionary(n => n.Key, n => environment[n.Variable]);
        return builder.AddInMemoryCollection(mapped).AddEnvironmentVariables();
    }

    /// <summary>The events webhook, when set and an absolute URL.</summary>
    public static Uri? Webhook(IConfiguration configuration) =>
        Uri.TryCreate(configuration[EventsWebhook], UriKind.Absolute, out var uri) ? uri : null;
}
