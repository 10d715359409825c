using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Monitoring.Retraining;

namespace MlopsServerless.Core;

/// <summary>Binds and validates the monitoring, retraining and prediction-log options (see <see cref="MlopsSections"/>).</summary>
internal static class MonitoringOptionsExtensions
{
    public static IServiceCollection AddMonitoringOptions(this IServiceCollection services)
    {
        services.AddOptions<PredictionLogOptions>().BindConfiguration(MlopsSections.PredictionLog)
            .ValidateBy(MlopsSections.PredictionLog, o => o.Validate())
            .ValidateOnStart();
        services.AddOptions<RetrainingOptions>().BindConfiguration(MlopsSections.Retraining)
            .Validate(o => o.Cooldown >= TimeSpan.Zero, $"{MlopsSections.Retraining}: Cooldown must not be negative.")
            .ValidateOnStart();
        services.AddOptions<DriftMonitorOptions>().BindConfiguration(MlopsSections.DriftMonitor)
            .Validate(o => o.Window > TimeSpan.Zero && o.MaxRows >= 1, $"{MlopsSections.DriftMonitor}: Window must be positive and MaxRows at least 1.")
            .ValidateBy(MlopsSections.DriftMonitor + ":Policy", o => o.Policy.Validate())
            .ValidateOnStart();
        services.AddOptions<LivePerformanceOptions>().BindConfiguration(MlopsSections.LivePerformance)
            .Validate(
                o => o.Window > TimeSpan.Zero && o.MinLabelled >= 1 && o.MaxLabelled >= o.MinLabelled && o.MaxRelativeDrop is >= 0 and <= 1,
                $"{MlopsSections.LivePerformance}: Window must be positive, 1 <= MinLabelled <= MaxLabelled, MaxRelativeDrop between 0 and 1.")
            .ValidateOnStart();
        return services;
    }
}
