using Microsoft.Extensions.Logging;

namespace MlopsServerless.Core;

/// <summary>Core's log messages. EventIds: 1xx ingestion, 2xx pipeline, 3xx registry, 4xx prediction, 7xx monitoring.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Dataset {Dataset} version {Version} created from {Source} ({Rows} rows)")]
    public static partial void DatasetVersioned(ILogger logger, string dataset, string version, string source, long rows);

    [LoggerMessage(101, LogLevel.Information, "Upload {Source} has the same bytes as dataset {Dataset} version {Version}; reusing it")]
    public static partial void DatasetReused(ILogger logger, string source, string dataset, string version);

    [LoggerMessage(102, LogLevel.Warning, "Upload {Source} quarantined as {Id}: {Problem}")]
    public static partial void UploadQuarantined(ILogger logger, string source, string id, string problem);

    [LoggerMessage(103, LogLevel.Warning, "Upload {Source} changed while it was read or after; it is kept for a later pass")]
    public static partial void UploadChanged(ILogger logger, string source);

    [LoggerMessage(204, LogLevel.Warning, "Run record {Key} was not imported into the record store: {Reason}. It is left where it is")]
    public static partial void RunImportSkipped(ILogger logger, string key, string reason);

    [LoggerMessage(104, LogLevel.Warning, "Dataset record {Key} was not imported into the record store: {Reason}. It is left where it is")]
    public static partial void DatasetImportSkipped(ILogger logger, string key, string reason);

    [LoggerMessage(105, LogLevel.Information, "Deleted {Key} ({Bytes} bytes): left by an ingest or upload whose process stopped; untouched since {LastModified}")]
    public static partial void AbandonedCopyDeleted(ILogger logger, string key, long bytes, DateTimeOffset lastModified);

    [LoggerMessage(106, LogLevel.Information, "Deleted {Count} temporary files of writes a stopped process never finished")]
    public static partial void UnfinishedWritesDeleted(ILogger logger, int count);

    [LoggerMessage(200, LogLevel.Information, "Run {RunId} step {Step} finished in {Milliseconds} ms")]
    public static partial void StepFinished(ILogger logger, string runId, string step, long milliseconds);

    [LoggerMessage(201, LogLevel.Information, "Run {RunId} already completed; reusing its result")]
    public static partial void RunReused(ILogger logger, string runId);

    [LoggerMessage(203, LogLevel.Information, "Run {RunId} resumes after {Steps} finished steps")]
    public static partial void RunResumed(ILogger logger, string runId, int steps);

    [LoggerMessage(202, LogLevel.Error, "Run {RunId} failed at step {Step}")]
    public static partial void RunFailed(ILogger logger, Exception exception, string runId, string step);

    [LoggerMessage(300, LogLevel.Information, "Model {Model} version {Version} registered from run {RunId}")]
    public static partial void ModelRegistered(ILogger logger, string model, int version, string runId);

    [LoggerMessage(301, LogLevel.Information, "Model {Model} version {Version} moved to {Stage} by {Actor}")]
    public static partial void StageChanged(ILogger logger, string model, int version, string stage, string actor);

    [LoggerMessage(302, LogLevel.Debug, "Registry of {Model} changed under us; retrying ({Attempt})")]
    public static partial void RegistryRetry(ILogger logger, string model, int attempt);

    [LoggerMessage(500, LogLevel.Debug, "Event {Type} {Id} published")]
    public static partial void EventPublished(ILogger logger, string type, string id);

    [LoggerMessage(400, LogLevel.Information, "Serving model {Model} version {Version}")]
    public static partial void ModelLoaded(ILogger logger, string model, int version);

    [LoggerMessage(700, LogLevel.Warning, "Prediction log append to {Key} failed; {Rows} rows lost")]
    public static partial void PredictionLogWriteFailed(ILogger logger, Exception exception, string key, int rows);

    [LoggerMessage(704, LogLevel.Warning, "Prediction-id index of {Model}: writing {Rows} entries failed; the rows are logged and feedback finds them in the log")]
    public static partial void PredictionIndexWriteFailed(ILogger logger, Exception exception, string model, int rows);

    [LoggerMessage(705, LogLevel.Information, "Prediction-id index of {Model}: deleted {Count} entries older than {RetentionDays} days")]
    public static partial void PredictionIndexExpired(ILogger logger, string model, int count, int retentionDays);

    [LoggerMessage(701, LogLevel.Warning, "Prediction log flush timed out with {Pending} requests still buffered")]
    public static partial void PredictionLogFlushTimedOut(ILogger logger, int pending);

    [LoggerMessage(703, LogLevel.Information, "Prediction log of {Model}: deleted {Count} hourly objects older than {RetentionDays} days")]
    public static partial void PredictionLogExpired(ILogger logger, string model, int count, int retentionDays);

    [LoggerMessage(702, LogLevel.Information, "Retraining of {Model}: {Outcome} ({Explanation})")]
    public static partial void RetrainingDecided(ILogger logger, string model, string outcome, string explanation);

    [LoggerMessage(740, LogLevel.Information, "Imported {Count} records into the record store from the object store ({Import}); done once")]
    public static partial void RecordsImported(ILogger logger, string import, int count);

    [LoggerMessage(741, LogLevel.Warning, "{Key} was not imported into the record store: {Reason}. It is left where it is")]
    public static partial void ImportSkippedDamaged(ILogger logger, string key, string reason);

    [LoggerMessage(742, LogLevel.Warning, "{Key}: imported its first {Count} lines into the record store and stopped at a damaged one: {Reason}. The file is left where it is")]
    public static partial void ImportStoppedAtDamage(ILogger logger, string key, int count, string reason);
}
