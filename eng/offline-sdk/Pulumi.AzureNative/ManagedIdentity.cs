// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/ManagedIdentity/UserAssignedIdentity.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.ManagedIdentity;

public partial class UserAssignedIdentity : global::Pulumi.CustomResource
{
    public UserAssignedIdentity(string name, UserAssignedIdentityArgs args, CustomResourceOptions? options = null)
        : base("azure-native:managedidentity:UserAssignedIdentity", name, args, options)
    {
    }

    [Output("clientId")]
    public Output<string> ClientId { get; private set; } = null!;

    [Output("principalId")]
    public Output<string> PrincipalId { get; private set; } = null!;
}

public sealed class UserAssignedIdentityArgs : global::Pulumi.ResourceArgs
{
    public Input<string>? Location { get; set; }

    public Input<string> ResourceGroupName { get; set; } = null!;

    public Input<string>? ResourceName { get; set; }
}
