namespace MlopsServerless.Core.Storage;

/// <summary>Where everything lives in the store (DESIGN.md, "Storage layout"). Names are checked before use.</summary>
public static class StorageLayout
{
    public const string IncomingPrefix = "incoming/";

    public static string Incoming(string dataset, string file) =>
        ObjectKey.Join("incoming", ObjectKey.Name(dataset, "Dataset"), ObjectKey.Name(file, "File"));

    public static string DatasetsPrefix => "datasets/";

    public static string DatasetPrefix(string dataset) => ObjectKey.Join("datasets", ObjectKey.Name(dataset, "Dataset")) + "/";

    public static string DatasetContract(string dataset) => DatasetPrefix(dataset) + "contract.json";

    public static string DatasetManifest(string dataset, string version) =>
        DatasetPrefix(dataset) + ObjectKey.Name(version, "Dataset version") + "/manifest.json";

    public static string DatasetData(string dataset, string version) =>
        DatasetPrefix(dataset) + ObjectKey.Name(version, "Dataset version") + "/data.csv";

    public static string Quarantine(string dataset, string id, string file) =>
        ObjectKey.Join("quarantine", ObjectKey.Name(dataset, "Dataset"), ObjectKey.Name(id, "Quarantine id"), ObjectKey.Name(file, "File"));

    public static string QuarantineReport(string dataset, string id) =>
        ObjectKey.Join("quarantine", ObjectKey.Name(dataset, "Dataset"), ObjectKey.Name(id, "Quarantine id"), "report.json");

    public static string ModelsPrefix => "models/";

    public static string Registry(string model) => ObjectKey.Join("models", ObjectKey.Name(model, "Model"), "registry.json");

    public static string Audit(string model) => ObjectKey.Join("models", ObjectKey.Name(model, "Model"), "audit.jsonl");

    public static string ModelVersionFile(string model, int version, string file) =>
        ObjectKey.Join("models", ObjectKey.Name(model, "Model"), version.ToString(System.Globalization.CultureInfo.InvariantCulture), file);

    public static string Run(string runId) => ObjectKey.Join("runs", ObjectKey.Name(runId, "Run id"), "run.json");

    public static string RunsPrefix => "runs/";
}
