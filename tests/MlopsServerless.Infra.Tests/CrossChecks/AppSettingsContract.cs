namespace MlopsServerless.Infra.Tests.CrossChecks;

/// <summary>The app-settings contract agreed between the Functions app and this program, written out independently of
/// the program's own constants so a renamed constant on either side fails a test.</summary>
internal static class AppSettingsContract
{
    /// <summary>Every setting the program must set in Azure.</summary>
    public static readonly IReadOnlyList<string> AzureSettings =
    [
        "MLOPS_DATA_CONTAINER", "MLOPS_TASK_HUB", "MLOPS_DRIFT_SCHEDULE", "AzureWebJobsDisableHomepage",
        "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "MlopsStorage__blobServiceUri", "MlopsStorage__queueServiceUri", "MlopsStorage__tableServiceUri",
        "MlopsStorage__credential", "MlopsStorage__clientId",
        "Mlops__Events__TopicEndpoint", "Mlops__Retraining__Enabled", "Mlops__PredictionLog__SamplingRate",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID",
    ];

    /// <summary>Local-only keys of local.settings.sample.json: connection strings for Azurite, and the worker runtime,
    /// which Flex Consumption sets itself.</summary>
    public static readonly IReadOnlySet<string> LocalOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "AzureWebJobsStorage", "MlopsStorage", "FUNCTIONS_WORKER_RUNTIME",
    };

    /// <summary>Monitoring option sections: the program sets only the two keys above from stack config; the rest of each
    /// section keeps the app's defaults in Azure.</summary>
    public static readonly IReadOnlyList<string> DefaultedOptionSections =
    [
        "Mlops__PredictionLog__", "Mlops__Retraining__", "Mlops__DriftMonitor__", "Mlops__LivePerformance__",
    ];

    /// <summary>The Ingest function's blob trigger path.</summary>
    public const string IngestBlobPath = "%MLOPS_DATA_CONTAINER%/incoming/{dataset}/{name}";
}
