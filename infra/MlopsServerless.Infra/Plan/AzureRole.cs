namespace MlopsServerless.Infra.Plan;

/// <summary>An Azure built-in role, by its fixed role definition id.</summary>
public sealed record AzureRole(string Name, Guid DefinitionId)
{
    public static readonly AzureRole StorageBlobDataOwner = new("Storage Blob Data Owner", new("b7e6dc6d-f1e8-4753-8033-0f276bb0955b"));
    public static readonly AzureRole StorageQueueDataContributor = new("Storage Queue Data Contributor", new("974c5e8b-45b9-4653-ba55-5f855dd0fb88"));
    public static readonly AzureRole StorageTableDataContributor = new("Storage Table Data Contributor", new("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"));
    public static readonly AzureRole EventGridDataSender = new("EventGrid Data Sender", new("d5a91429-5739-47e2-a06b-3470a27159e7"));
    public static readonly AzureRole MonitoringMetricsPublisher = new("Monitoring Metrics Publisher", new("3913510d-42f4-4e42-8a64-420c390055eb"));

    /// <summary>The role definition's resource id in the subscription that holds <paramref name="resourceGroupId"/>
    /// (<c>/subscriptions/{id}/resourceGroups/{name}</c>).</summary>
    public string DefinitionResourceId(string resourceGroupId)
    {
        const string marker = "/resourceGroups/";
        var at = resourceGroupId.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (!resourceGroupId.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) || at < 0)
        {
            throw new ArgumentException($"'{resourceGroupId}' is not a resource group id (/subscriptions/<id>/resourceGroups/<name>).", nameof(resourceGroupId));
        }

        return $"{resourceGroupId[..at]}/providers/Microsoft.Authorization/roleDefinitions/{DefinitionId:D}";
    }
}
