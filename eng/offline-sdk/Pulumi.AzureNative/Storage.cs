// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/Storage/StorageAccount.cs, BlobContainer.cs, ManagementPolicy.cs, Enums.cs, Outputs/EndpointsResponse.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.Storage;

public partial class StorageAccount : global::Pulumi.CustomResource
{
    public StorageAccount(string name, StorageAccountArgs args, CustomResourceOptions? options = null)
        : base("azure-native:storage:StorageAccount", name, args, options)
    {
    }

    [Output("name")]
    public Output<string> Name { get; private set; } = null!;

    [Output("primaryEndpoints")]
    public Output<Outputs.EndpointsResponse> PrimaryEndpoints { get; private set; } = null!;
}

public sealed class StorageAccountArgs : global::Pulumi.ResourceArgs
{
    public Input<string>? AccountName { get; set; }

    public Input<bool>? AllowBlobPublicAccess { get; set; }

    public Input<bool>? AllowSharedKeyAccess { get; set; }

    public Input<bool>? DefaultToOAuthAuthentication { get; set; }

    public Input<bool>? EnableHttpsTrafficOnly { get; set; }

    public InputUnion<string, Pulumi.AzureNative.Storage.Kind> Kind { get; set; } = null!;

    public Input<string>? Location { get; set; }

    public InputUnion<string, Pulumi.AzureNative.Storage.MinimumTlsVersion>? MinimumTlsVersion { get; set; }

    public Input<string> ResourceGroupName { get; set; } = null!;

    public Input<Inputs.SkuArgs> Sku { get; set; } = null!;
}

public partial class BlobContainer : global::Pulumi.CustomResource
{
    public BlobContainer(string name, BlobContainerArgs args, CustomResourceOptions? options = null)
        : base("azure-native:storage:BlobContainer", name, args, options)
    {
    }

    [Output("name")]
    public Output<string> Name { get; private set; } = null!;
}

public sealed class BlobContainerArgs : global::Pulumi.ResourceArgs
{
    public Input<string> AccountName { get; set; } = null!;

    public Input<string>? ContainerName { get; set; }

    public Input<Pulumi.AzureNative.Storage.PublicAccess>? PublicAccess { get; set; }

    public Input<string> ResourceGroupName { get; set; } = null!;
}

public partial class ManagementPolicy : global::Pulumi.CustomResource
{
    public ManagementPolicy(string name, ManagementPolicyArgs args, CustomResourceOptions? options = null)
        : base("azure-native:storage:ManagementPolicy", name, args, options)
    {
    }
}

public sealed class ManagementPolicyArgs : global::Pulumi.ResourceArgs
{
    public Input<string> AccountName { get; set; } = null!;

    public Input<string>? ManagementPolicyName { get; set; }

    public Input<Inputs.ManagementPolicySchemaArgs> Policy { get; set; } = null!;

    public Input<string> ResourceGroupName { get; set; } = null!;
}

[EnumType]
public readonly struct Kind
{
}

[EnumType]
public readonly struct MinimumTlsVersion
{
}

[EnumType]
public readonly struct SkuName
{
}

[EnumType]
public readonly struct RuleType
{
}

[EnumType]
public readonly struct PublicAccess
{
    public static PublicAccess None => throw OfflineDeclaration.NotAvailable();
}
