namespace MlopsServerless.Http.Health;

/// <summary>What the host tells GET /api/status about where the data lives.</summary>
public sealed class ServiceInfoOptions
{
    /// <summary>The host, in a few words (for example "mlops serve" or "Azure Functions"). <value>Defaults to "unknown host".</value></summary>
    public string Host { get; set; } = "unknown host";

    /// <summary>The kind of store (for example "local folder" or "Azure Blob Storage"). <value>Defaults to "unknown".</value></summary>
    public string StorageKind { get; set; } = "unknown";

    /// <summary>Where the store is: a folder, or an account and container; never a connection string. <value>Defaults to "".</value></summary>
    public string StorageLocation { get; set; } = "";
}
