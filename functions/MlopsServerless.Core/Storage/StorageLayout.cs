namespace MlopsServerless.Core.Storage;

/// <summary>Where everything lives in the store (DESIGN.md, "Storage layout"). Names are checked before use.</summary>
public static class StorageLayout
{
    public const string IncomingPrefix = "incoming/";

    /// <summary>Where an ingest stages the bytes it reads, until it moves them to a version or a quarantine entry.</summary>
    public const string StagingPrefix = "staging/";

    /// <summary>The longest dataset or file name of an upload, in UTF-8 bytes (one path segment on a file system).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>
    /// The upload key for a file the user names <paramref name="file"/> in dataset <paramref name="dataset"/>. Both are
    /// kept as given (spaces and any script are fine); only what would break a key is refused.
    /// </summary>
    /// <exception cref="Errors.MlopsException">InvalidArgument for an empty name, '.', '..', a '/' or '\\', a control
    /// character, or a name over <see cref="MaxNameBytes"/> UTF-8 bytes.</exception>
    public static string Incoming(string dataset, string file)
    {
        foreach (var (name, what) in new[] { (dataset, "Dataset"), (file, "File") })
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains('/') || name is "." or "..")
            {
                throw Errors.MlopsException.InvalidArgument($"{what} name '{name}' cannot be used: give a non-empty name without '/'.");
            }

            // A folder or file name is one path segment on the local store, and file systems stop at 255 bytes.
            if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            {
                throw Errors.MlopsException.InvalidArgument(
                    $"{what} name '{name[..Math.Min(name.Length, 40)]}...' is {System.Text.Encoding.UTF8.GetByteCount(name)} bytes in UTF-8; give one of at most {MaxNameBytes}.");
            }
        }

        return ObjectKey.Validate(ObjectKey.Join("incoming", dataset, file));
    }

    public static string DatasetsPrefix => "datasets/";

    public static string DatasetPrefix(string dataset) => ObjectKey.Join("datasets", ObjectKey.Name(dataset, "Dataset")) + "/";

    public static string DatasetContract(string dataset) => DatasetPrefix(dataset) + "contract.json";

    public static string DatasetManifest(string dataset, string version) =>
        DatasetPrefix(dataset) + ObjectKey.Name(version, "Dataset version") + "/manifest.json";

    public static string DatasetData(string dataset, string version) =>
        DatasetPrefix(dataset) + ObjectKey.Name(version, "Dataset version") + "/data.csv";

    /// <summary>The quarantined copy of an upload; <paramref name="file"/> is the user's file name, stored under its <see cref="ObjectKey.SafeName"/>.</summary>
    public static string Quarantine(string dataset, string id, string file) =>
        ObjectKey.Join("quarantine", ObjectKey.Name(dataset, "Dataset"), ObjectKey.Name(id, "Quarantine id"), ObjectKey.SafeName(file));

    /// <summary>Every dataset's quarantine entries.</summary>
    public static string QuarantineRoot => "quarantine/";

    /// <summary>The quarantine entries of a dataset.</summary>
    public static string QuarantinePrefix(string dataset) => ObjectKey.Join("quarantine", ObjectKey.Name(dataset, "Dataset")) + "/";

    public static string QuarantineReport(string dataset, string id) =>
        ObjectKey.Join("quarantine", ObjectKey.Name(dataset, "Dataset"), ObjectKey.Name(id, "Quarantine id"), "report.json");

    public static string ModelsPrefix => "models/";

    /// <summary>Where earlier versions kept a model's registry; read only by the one-time <c>registry-v1</c> import.</summary>
    public static string Registry(string model) => ObjectKey.Join("models", ObjectKey.Name(model, "Model"), "registry.json");

    /// <summary>Where earlier versions appended a model's audit log; read only by the one-time <c>registry-v1</c> import.</summary>
    public static string Audit(string model) => ObjectKey.Join("models", ObjectKey.Name(model, "Model"), "audit.jsonl");

    public static string ModelVersionFile(string model, int version, string file) =>
        ObjectKey.Join("models", ObjectKey.Name(model, "Model"), version.ToString(System.Globalization.CultureInfo.InvariantCulture), file);

    public static string Run(string runId) => ObjectKey.Join("runs", ObjectKey.Name(runId, "Run id"), "run.json");

    public static string RunPrefix(string runId) => ObjectKey.Join("runs", ObjectKey.Name(runId, "Run id")) + "/";

    public static string RunStep(string runId, int sequence, string step) =>
        RunPrefix(runId) + "steps/" + sequence.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "-" + ObjectKey.Name(step, "Step") + ".json";

    public static string RunArtifact(string runId, string file) => RunPrefix(runId) + "artifacts/" + ObjectKey.Name(file, "Artifact");

    public static string ModelVersionPrefix(string model, int version) =>
        ObjectKey.Join("models", ObjectKey.Name(model, "Model"), version.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "/";

    /// <summary>The hourly prediction log object <c>monitoring/{model}/predictions/{yyyy-MM-dd}/{HH}.jsonl</c> holding rows logged at <paramref name="time"/>.</summary>
    public static string PredictionLog(string model, DateTimeOffset time) =>
        PredictionLogDayPrefix(model, time) + time.UtcDateTime.ToString("HH", System.Globalization.CultureInfo.InvariantCulture) + ".jsonl";

    /// <summary>
    /// The blob index tag a cloud store sets on each prediction-log object when it creates it: the deployed lifecycle
    /// rule deletes old prediction logs by this tag, because a path prefix cannot tell them from the drift reports
    /// beside them (<c>monitoring/{model}/</c>).
    /// </summary>
    public static KeyValuePair<string, string> PredictionLogTag { get; } = new("mlops-kind", "prediction-log");

    /// <summary>The index tags a cloud store sets when it creates the object at <paramref name="key"/>: the
    /// <see cref="PredictionLogTag"/> for a prediction-log object, none for anything else.</summary>
    public static IReadOnlyDictionary<string, string>? TagsFor(string key) =>
        key.Split('/') is ["monitoring", _, "predictions", _, var hour] && hour.EndsWith(".jsonl", StringComparison.Ordinal) ? PredictionLogTags : null;

    private static readonly IReadOnlyDictionary<string, string> PredictionLogTags =
        new Dictionary<string, string>(StringComparer.Ordinal) { [PredictionLogTag.Key] = PredictionLogTag.Value }.AsReadOnly();

    /// <summary>The folder of a model's whole prediction log.</summary>
    public static string PredictionLogPrefix(string model) => ObjectKey.Join("monitoring", ObjectKey.Name(model, "Model"), "predictions") + "/";

    /// <summary>The folder of one UTC day's prediction log objects.</summary>
    public static string PredictionLogDayPrefix(string model, DateTimeOffset day) =>
        PredictionLogPrefix(model) + day.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "/";

    /// <summary>The append-only log of retraining decisions of a model.</summary>
    public static string DriftReportsPrefix(string model) => ObjectKey.Join("monitoring", ObjectKey.Name(model, "Model"), "reports") + "/";

    /// <summary>A drift report, named by the check's UTC time so listings are in time order.</summary>
    public static string DriftReport(string model, DateTimeOffset time) =>
        DriftReportsPrefix(model) + time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + ".json";

    /// <summary>Where versions before the record store appended a model's retraining decisions; read once by the <c>monitoring-v1</c> import.</summary>
    public static string RetrainingLog(string model) => ObjectKey.Join("monitoring", ObjectKey.Name(model, "Model"), "retraining.jsonl");

    /// <summary>Where versions before the record store kept a model's cooldown claim; read once by the <c>monitoring-v1</c> import.</summary>
    public static string RetrainingState(string model) => ObjectKey.Join("monitoring", ObjectKey.Name(model, "Model"), "retraining-state.json");

    /// <summary>The ground-truth labels of a model received on one UTC day.</summary>
    public static string Feedback(string model, DateTimeOffset day) =>
        ObjectKey.Join("monitoring", ObjectKey.Name(model, "Model"), "feedback", day.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".jsonl");

    public static string Events(DateTimeOffset day) => "events/" + day.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".jsonl";

    public static string RunsPrefix => "runs/";

    /// <summary>Where ingestion writes an upload's bytes while it reads them, before they become a version or a quarantine copy.</summary>
    public static string Staging(string id) => StagingPrefix + ObjectKey.Name(id, "Staging id");
}
