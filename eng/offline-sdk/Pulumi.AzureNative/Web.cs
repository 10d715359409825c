// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/Web/AppServicePlan.cs, WebApp.cs, ListWebAppHostKeys.cs, Enums.cs): declarations only.
#nullable enable
using System.Collections.Immutable;

namespace Pulumi.AzureNative.Web;

public partial class AppServicePlan : global::Pulumi.CustomResource
{
    public AppServicePlan(string name, AppServicePlanArgs args, CustomResourceOptions? options = null)
        : base("azure-native:web:AppServicePlan", name, args, options)
    {
    }
}

public sealed class AppServicePlanArgs : global::Pulumi.ResourceArgs
{
    public Input<string>? Kind { get; set; }

    public Input<string>? Location { get; set; }

    public Input<string>? Name { get; set; }

    public Input<bool>? Reserved { get; set; }

    public Input<string> ResourceGroupName { get; set; } = null!;

    public Input<Inputs.SkuDescriptionArgs>? Sku { get; set; }
}

public partial class WebApp : global::Pulumi.CustomResource
{
    public WebApp(string name, WebAppArgs args, CustomResourceOptions? options = null)
        : base("azure-native:web:WebApp", name, args, options)
    {
    }

    [Output("defaultHostName")]
    public Output<string> DefaultHostName { get; private set; } = null!;

    [Output("name")]
    public Output<string> Name { get; private set; } = null!;
}

public sealed class WebAppArgs : global::Pulumi.ResourceArgs
{
    public Input<Inputs.FunctionAppConfigArgs>? FunctionAppConfig { get; set; }

    public Input<bool>? HttpsOnly { get; set; }

    public Input<Inputs.ManagedServiceIdentityArgs>? Identity { get; set; }

    public Input<string>? Kind { get; set; }

    public Input<string>? Location { get; set; }

    public Input<string>? Name { get; set; }

    public Input<bool>? Reserved { get; set; }

    public Input<string> ResourceGroupName { get; set; } = null!;

    public Input<string>? ServerFarmId { get; set; }

    public Input<Inputs.SiteConfigArgs>? SiteConfig { get; set; }
}

public static class ListWebAppHostKeys
{
    public static Output<ListWebAppHostKeysResult> Invoke(ListWebAppHostKeysInvokeArgs args, InvokeOptions? options = null) => throw OfflineDeclaration.NotAvailable();

    public static Output<ListWebAppHostKeysResult> Invoke(ListWebAppHostKeysInvokeArgs args, InvokeOutputOptions options) => throw OfflineDeclaration.NotAvailable();
}

public sealed class ListWebAppHostKeysInvokeArgs : global::Pulumi.InvokeArgs
{
    public Input<string> Name { get; set; } = null!;

    public Input<string> ResourceGroupName { get; set; } = null!;
}

[OutputType]
public sealed class ListWebAppHostKeysResult
{
    public readonly ImmutableDictionary<string, string>? FunctionKeys;
    public readonly string? MasterKey;
    public readonly ImmutableDictionary<string, string>? SystemKeys;

    [OutputConstructor]
    private ListWebAppHostKeysResult(ImmutableDictionary<string, string>? functionKeys, string? masterKey, ImmutableDictionary<string, string>? systemKeys) =>
        throw OfflineDeclaration.NotAvailable();
}

[EnumType]
public readonly struct ManagedServiceIdentityType
{
    public static ManagedServiceIdentityType UserAssigned => throw OfflineDeclaration.NotAvailable();
}

[EnumType]
public readonly struct FunctionsDeploymentStorageType
{
}

[EnumType]
public readonly struct AuthenticationType
{
}

[EnumType]
public readonly struct RuntimeName
{
}

[EnumType]
public readonly struct SupportedTlsVersions
{
}

[EnumType]
public readonly struct FtpsState
{
}
