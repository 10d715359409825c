// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/Resources/ResourceGroup.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.Resources;

public partial class ResourceGroup : global::Pulumi.CustomResource
{
    public ResourceGroup(string name, ResourceGroupArgs? args = null, CustomResourceOptions? options = null)
        : base("azure-native:resources:ResourceGroup", name, args, options)
    {
    }

    [Output("location")]
    public Output<string> Location { get; private set; } = null!;

    [Output("name")]
    public Output<string> Name { get; private set; } = null!;
}

public sealed class ResourceGroupArgs : global::Pulumi.ResourceArgs
{
    public Input<string>? Location { get; set; }

    public Input<string>? ResourceGroupName { get; set; }
}
