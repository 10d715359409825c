// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/Storage/Outputs/EndpointsResponse.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.Storage.Outputs;

[OutputType]
public sealed class EndpointsResponse
{
    public readonly string Blob;
    public readonly string Queue;
    public readonly string Table;

    [OutputConstructor]
    private EndpointsResponse(string blob, string queue, string table) => throw OfflineDeclaration.NotAvailable();
}
