namespace MlopsServerless.Functions.Hosting;

/// <summary>
/// The app settings the Functions app reads (local.settings.sample.json lists each with a local value; the Pulumi
/// program sets the same names in Azure).
/// </summary>
internal static class AppSettings
{
    /// <summary>The data container; also the Ingest trigger's path (<c>%MLOPS_DATA_CONTAINER%/incoming/...</c>).</summary>
    public const string DataContainer = "MLOPS_DATA_CONTAINER";

    /// <summary>The Durable task hub (host.json <c>hubName</c>).</summary>
    public const string TaskHub = "MLOPS_TASK_HUB";

    /// <summary>The DriftCheck timer's NCRONTAB schedule.</summary>
    public const string DriftSchedule = "MLOPS_DRIFT_SCHEDULE";

    /// <summary>
    /// The data storage account connection: <c>MlopsStorage</c> as a connection string locally, or
    /// <c>MlopsStorage__blobServiceUri</c> (objects) and <c>MlopsStorage__tableServiceUri</c> (records) (+ <c>__credential</c>,
    /// <c>__clientId</c>) with the managed identity in Azure.
    /// </summary>
    public const string StorageConnection = "MlopsStorage";

    /// <summary>The Event Grid options section (<c>Mlops__Events__TopicEndpoint</c>).</summary>
    public const string Events = "Mlops:Events";
}
