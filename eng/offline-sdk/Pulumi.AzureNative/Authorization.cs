// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/Authorization/RoleAssignment.cs, Enums.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.Authorization;

public partial class RoleAssignment : global::Pulumi.CustomResource
{
    public RoleAssignment(string name, RoleAssignmentArgs args, CustomResourceOptions? options = null)
        : base("azure-native:authorization:RoleAssignment", name, args, options)
    {
    }
}

public sealed class RoleAssignmentArgs : global::Pulumi.ResourceArgs
{
    public Input<string> PrincipalId { get; set; } = null!;

    public InputUnion<string, Pulumi.AzureNative.Authorization.PrincipalType>? PrincipalType { get; set; }

    public Input<string>? RoleAssignmentName { get; set; }

    public Input<string> RoleDefinitionId { get; set; } = null!;

    public Input<string> Scope { get; set; } = null!;
}

[EnumType]
public readonly struct PrincipalType
{
}
