// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/OperationalInsights/Workspace.cs, Inputs/WorkspaceSkuArgs.cs, Enums.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.OperationalInsights
{
    public partial class Workspace : global::Pulumi.CustomResource
    {
        public Workspace(string name, WorkspaceArgs args, CustomResourceOptions? options = null)
            : base("azure-native:operationalinsights:Workspace", name, args, options)
        {
        }
    }

    public sealed class WorkspaceArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? Location { get; set; }

        public Input<string> ResourceGroupName { get; set; } = null!;

        public Input<int>? RetentionInDays { get; set; }

        public Input<Inputs.WorkspaceSkuArgs>? Sku { get; set; }

        public Input<string>? WorkspaceName { get; set; }
    }

    [EnumType]
    public readonly struct WorkspaceSkuNameEnum
    {
    }
}

namespace Pulumi.AzureNative.OperationalInsights.Inputs
{
    public sealed class WorkspaceSkuArgs : global::Pulumi.ResourceArgs
    {
        public InputUnion<string, Pulumi.AzureNative.OperationalInsights.WorkspaceSkuNameEnum> Name { get; set; } = null!;
    }
}
