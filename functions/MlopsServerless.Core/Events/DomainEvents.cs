using System.Globalization;
using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Core.Events;

/// <summary>
/// Builds the system's events. Ids are derived from what happened (not random), so a step retried after a crash
/// publishes an event with the same id and subscribers can drop the duplicate.
/// </summary>
public static class DomainEvents
{
    /// <summary>The CloudEvents <c>source</c> of every event.</summary>
    public const string Source = "/mlopsserverless";

    public static MlopsEvent DatasetVersioned(DatasetManifest manifest) => Create(
        $"dataset-versioned:{manifest.Dataset}:{manifest.Version}",
        EventTypes.DatasetVersioned,
        $"datasets/{manifest.Dataset}/versions/{manifest.Version}",
        manifest.CreatedAt,
        new { dataset = manifest.Dataset, version = manifest.Version, sha256 = manifest.Sha256, rows = manifest.RowCount, source = manifest.Source });

    public static MlopsEvent ModelRegistered(string model, int version, string runId, DateTimeOffset time) => Create(
        $"model-registered:{model}:{Text(version)}",
        EventTypes.ModelRegistered,
        $"models/{model}/versions/{Text(version)}",
        time,
        new { model, version, runId });

    public static MlopsEvent ModelPromoted(string model, int version, string stage, int? previous, string reason, DateTimeOffset time) => Create(
        $"model-promoted:{model}:{Text(version)}:{stage}",
        EventTypes.ModelPromoted,
        $"models/{model}/versions/{Text(version)}",
        time,
        new { model, version, stage, previousVersion = previous, reason });

    public static MlopsEvent PipelineFinished(string runId, bool succeeded, string? dataset, int? modelVersion, string? error, DateTimeOffset time) => Create(
        $"pipeline-{(succeeded ? "completed" : "failed")}:{runId}",
        succeeded ? EventTypes.PipelineCompleted : EventTypes.PipelineFailed,
        $"pipelines/{runId}",
        time,
        new { runId, dataset, modelVersion, error });

    /// <summary>Live data of <paramref name="model"/> drifted; <paramref name="retrainingRunId"/> is the run this started, if any.</summary>
    public static MlopsEvent DriftDetected(string model, int version, string reason, DateTimeOffset detectedAt, string? retrainingRunId) => Create(
        $"drift-detected:{model}:{detectedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}",
        EventTypes.DriftDetected,
        $"models/{model}/versions/{Text(version)}",
        detectedAt,
        new { model, version, reason, retrainingRunId });

    public static MlopsEvent Create(string id, string type, string subject, DateTimeOffset time, object data) =>
        new(id, type, Source, subject, time, JsonSerializer.SerializeToElement(data, MlopsJson.Options));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
