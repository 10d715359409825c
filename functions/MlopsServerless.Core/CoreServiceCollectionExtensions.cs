using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Monitoring.Feedback;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core;

/// <summary>
/// Registers the engine. The host adds an <see cref="Storage.IObjectStore"/>, an <see cref="Storage.Records.IRecordStore"/>, an <see cref="Events.IEventPublisher"/>, an
/// <see cref="IPipelineLauncher"/> and an <see cref="Microsoft.Extensions.Configuration.IConfiguration"/>: the monitoring
/// options are bound from the sections named in <see cref="MlopsSections"/> (env var form <c>Mlops__PredictionLog__SamplingRate</c>)
/// and validated when the host starts.
/// </summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddMlopsCore(this IServiceCollection services)
    {
        services.AddMonitoringOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatasetIndex>();
        services.AddSingleton<DatasetTables>();
        services.AddSingleton<DatasetIngestor>();
        services.AddSingleton<DatasetContracts>();
        services.AddSingleton<QuarantineEntries>();
        services.AddSingleton<Storage.Records.RecordImports>();
        services.AddSingleton<Storage.Leases.LeaseManager>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<PipelineSteps>();
        services.AddSingleton<StepDispatcher>();
        services.AddSingleton<LocalPipelineEngine>();
        services.AddSingleton<RunLeases>();
        services.AddSingleton<PipelineService>();
        services.AddSingleton<UploadProcessor>();
        services.AddSingleton<AbandonedUploadSweep>();
        services.AddSingleton<ModelCache>();
        services.AddSingleton<PredictionLog>();
        services.AddSingleton<PredictionLogReader>();
        services.AddSingleton<PredictionLogRetention>();
        services.AddSingleton<PredictionService>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<LivePerformance>();
        services.AddSingleton<RetrainingHistory>();
        services.AddSingleton<RetrainingTrigger>();
        services.AddSingleton<DriftMonitor>();
        services.AddSingleton<ScheduledMonitoring>();
        services.AddSingleton<MonitoringSweep>();
        return services;
    }
}
