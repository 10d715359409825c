using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace MlopsServerless.Infra.Tests.Mocks;

/// <summary>Pulumi mocks that record every resource the stack declares and answer with plausible Azure outputs.</summary>
internal sealed class RecordingMocks : IMocks
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    public const string HostName = "func-mlops-dev.azurewebsites.net";
    public const string BlobsExtensionKey = "sys+key/=";

    public ConcurrentQueue<MockResourceArgs> Resources { get; } = new();

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Resources.Enqueue(args);
        var state = args.Inputs.ToBuilder();
        string Input(string key) => args.Inputs.TryGetValue(key, out var value) ? (string)value : args.Name!;
        var group = $"/subscriptions/{SubscriptionId}/resourceGroups/rg-mlops-dev";

        string id;
        switch (args.Type)
        {
            case "azure-native:resources:ResourceGroup":
                id = $"/subscriptions/{SubscriptionId}/resourceGroups/{Input("resourceGroupName")}";
                state["name"] = Input("resourceGroupName");
                break;
            case "azure-native:storage:StorageAccount":
                var account = Input("accountName");
                id = $"{group}/providers/Microsoft.Storage/storageAccounts/{account}";
                state["name"] = account;
                // Every non-nullable field of Outputs.EndpointsResponse, so the SDK can build it.
                state["primaryEndpoints"] = new[] { "blob", "dfs", "file", "queue", "table", "web" }
                    .ToImmutableDictionary(service => service, service => (object)$"https://{account}.{service}.core.windows.net/");
                break;
            case "azure-native:eventgrid:Topic":
                id = $"{group}/providers/Microsoft.EventGrid/topics/{Input("topicName")}";
                state["endpoint"] = $"https://{Input("topicName")}.westeurope-1.eventgrid.azure.net/api/events";
                break;
            case "azure-native:managedidentity:UserAssignedIdentity":
                id = $"{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{Input("resourceName")}";
                state["clientId"] = "client-id-1";
                state["principalId"] = "principal-id-1";
                break;
            case "azure-native:applicationinsights:Component":
                id = $"{group}/providers/Microsoft.Insights/components/{Input("resourceName")}";
                state["connectionString"] = "InstrumentationKey=ikey;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/";
                break;
            case "azure-native:web:WebApp":
                id = $"{group}/providers/Microsoft.Web/sites/{Input("name")}";
                state["name"] = Input("name");
                state["defaultHostName"] = HostName;
                break;
            default:
                id = $"{group}/mock/{args.Type}/{args.Name}";
                state["name"] = args.Inputs.TryGetValue("name", out var name) ? name : args.Name!;
                break;
        }

        return Task.FromResult<(string?, object)>((id, state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Token switch
    {
        "azure-native:web:listWebAppHostKeys" => ImmutableDictionary<string, object>.Empty
            .Add("systemKeys", ImmutableDictionary<string, object>.Empty.Add("blobs_extension", BlobsExtensionKey)),
        _ => ImmutableDictionary<string, object>.Empty,
    });
}
