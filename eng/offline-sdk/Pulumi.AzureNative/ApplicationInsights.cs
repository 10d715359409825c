// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/ApplicationInsights/Component.cs, Enums.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.ApplicationInsights;

public partial class Component : global::Pulumi.CustomResource
{
    public Component(string name, ComponentArgs args, CustomResourceOptions? options = null)
        : base("azure-native:applicationinsights:Component", name, args, options)
    {
    }

    [Output("connectionString")]
    public Output<string> ConnectionString { get; private set; } = null!;
}

public sealed class ComponentArgs : global::Pulumi.ResourceArgs
{
    public InputUnion<string, Pulumi.AzureNative.ApplicationInsights.ApplicationType> ApplicationType { get; set; } = null!;

    public Input<bool>? DisableLocalAuth { get; set; }

    public InputUnion<string, Pulumi.AzureNative.ApplicationInsights.IngestionMode>? IngestionMode { get; set; }

    public Input<string> Kind { get; set; } = null!;

    public Input<string>? Location { get; set; }

    public Input<string> ResourceGroupName { get; set; } = null!;

    public Input<string>? ResourceName { get; set; }

    public Input<string>? WorkspaceResourceId { get; set; }
}

[EnumType]
public readonly struct ApplicationType
{
}

[EnumType]
public readonly struct IngestionMode
{
}
