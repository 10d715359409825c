using Microsoft.Extensions.Logging;

namespace MlopsServerless.Functions;

/// <summary>The Functions app's log messages. EventIds: 9xx; 90x ingestion, 91x pipeline, 92x monitoring.</summary>
internal static partial class Log
{
    [LoggerMessage(900, LogLevel.Information, "Upload {UploadKey} processed: dataset version {Version}, run {RunId}")]
    public static partial void UploadProcessed(ILogger logger, string uploadKey, string? version, string? runId);

    [LoggerMessage(901, LogLevel.Warning, "Blob {UploadKey} is not an upload Core takes: {Reason}")]
    public static partial void UploadIgnored(ILogger logger, string uploadKey, string reason);

    [LoggerMessage(910, LogLevel.Information, "Run {RunId} scheduled as a TrainingPipeline instance")]
    public static partial void RunScheduled(ILogger logger, string runId);

    [LoggerMessage(911, LogLevel.Information, "Run {RunId} already has an instance ({Status}); not starting another")]
    public static partial void RunAlreadyRunning(ILogger logger, string runId, string status);

    [LoggerMessage(912, LogLevel.Information, "Run {RunId} orchestration started for dataset {Dataset} version {Version}")]
    public static partial void PipelineStarted(ILogger logger, string runId, string dataset, string version);

    [LoggerMessage(913, LogLevel.Information, "Run {RunId} orchestration completed: model version {ModelVersion} in {Stage}")]
    public static partial void PipelineFinished(ILogger logger, string runId, int modelVersion, string stage);

    [LoggerMessage(914, LogLevel.Warning, "Run {RunId} orchestration failed in step {Step} ({ErrorType})")]
    public static partial void PipelineFailed(ILogger logger, string runId, string step, string errorType);

    [LoggerMessage(920, LogLevel.Information, "Monitoring of {Model} v{Version}: drift {Verdict} ({ReportKey}), performance degraded {Degraded}")]
    public static partial void ModelMonitored(ILogger logger, string model, int version, string verdict, string reportKey, bool degraded);

    [LoggerMessage(921, LogLevel.Warning, "Monitoring of {Model} failed: {Reason}")]
    public static partial void MonitoringFailed(ILogger logger, string model, string reason);
}
