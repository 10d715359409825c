namespace MlopsServerless.Infra.Plan;

/// <summary>The setting names agreed with the Functions app (the app-settings contract); the app reads each one.</summary>
public static class AppSettingNames
{
    public const string DataContainer = "MLOPS_DATA_CONTAINER";
    public const string TaskHub = "MLOPS_TASK_HUB";
    public const string DriftSchedule = "MLOPS_DRIFT_SCHEDULE";

    /// <summary>Turns off the host's own landing page, so the dashboard function answers at the site root.</summary>
    public const string DisableHomepage = "AzureWebJobsDisableHomepage";

    /// <summary>The Functions host's own storage connection (Durable task hub, blob trigger receipts, host keys).</summary>
    public const string HostStorage = "AzureWebJobsStorage";

    /// <summary>The data account connection: the Ingest trigger's Connection and the app's object and table stores.</summary>
    public const string DataStorage = "MlopsStorage";

    public const string EventsTopicEndpoint = "Mlops__Events__TopicEndpoint";
    public const string RetrainingEnabled = "Mlops__Retraining__Enabled";
    public const string PredictionLogSamplingRate = "Mlops__PredictionLog__SamplingRate";
    public const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AppInsightsAuthenticationString = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string AzureClientId = "AZURE_CLIENT_ID";

    /// <summary>The keys of an identity-based connection: setting names of the form <c>connection__key</c>.</summary>
    public static class Connection
    {
        public const string BlobServiceUri = "blobServiceUri";
        public const string QueueServiceUri = "queueServiceUri";
        public const string TableServiceUri = "tableServiceUri";
        public const string Credential = "credential";
        public const string ClientId = "clientId";

        public static string Key(string connection, string key) => $"{connection}__{key}";
    }
}
