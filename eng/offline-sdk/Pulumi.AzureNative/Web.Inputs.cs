// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/Web/Inputs/*.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.Web.Inputs;

public sealed class SkuDescriptionArgs : global::Pulumi.ResourceArgs
{
    public Input<string>? Name { get; set; }

    public Input<string>? Tier { get; set; }
}

public sealed class ManagedServiceIdentityArgs : global::Pulumi.ResourceArgs
{
    private InputList<string>? _userAssignedIdentities;

    public Input<Pulumi.AzureNative.Web.ManagedServiceIdentityType>? Type { get; set; }

    public InputList<string> UserAssignedIdentities
    {
        get => _userAssignedIdentities ?? (_userAssignedIdentities = new InputList<string>());
        set => _userAssignedIdentities = value;
    }
}

public sealed class FunctionAppConfigArgs : global::Pulumi.ResourceArgs
{
    public Input<Inputs.FunctionsDeploymentArgs>? Deployment { get; set; }

    public Input<Inputs.FunctionsRuntimeArgs>? Runtime { get; set; }

    public Input<Inputs.FunctionsScaleAndConcurrencyArgs>? ScaleAndConcurrency { get; set; }
}

public sealed class FunctionsDeploymentArgs : global::Pulumi.ResourceArgs
{
    public Input<Inputs.FunctionsDeploymentStorageArgs>? Storage { get; set; }
}

public sealed class FunctionsDeploymentStorageArgs : global::Pulumi.ResourceArgs
{
    public Input<Inputs.FunctionsDeploymentStorageAuthenticationArgs>? Authentication { get; set; }

    public InputUnion<string, Pulumi.AzureNative.Web.FunctionsDeploymentStorageType>? Type { get; set; }

    public Input<string>? Value { get; set; }
}

public sealed class FunctionsDeploymentStorageAuthenticationArgs : global::Pulumi.ResourceArgs
{
    public InputUnion<string, Pulumi.AzureNative.Web.AuthenticationType>? Type { get; set; }

    public Input<string>? UserAssignedIdentityResourceId { get; set; }
}

public sealed class FunctionsRuntimeArgs : global::Pulumi.ResourceArgs
{
    public InputUnion<string, Pulumi.AzureNative.Web.RuntimeName>? Name { get; set; }

    public Input<string>? Version { get; set; }
}

public sealed class FunctionsScaleAndConcurrencyArgs : global::Pulumi.ResourceArgs
{
    public Input<int>? InstanceMemoryMB { get; set; }

    public Input<int>? MaximumInstanceCount { get; set; }
}

public sealed class SiteConfigArgs : global::Pulumi.ResourceArgs
{
    private InputList<Inputs.NameValuePairArgs>? _appSettings;

    public InputList<Inputs.NameValuePairArgs> AppSettings
    {
        get => _appSettings ?? (_appSettings = new InputList<Inputs.NameValuePairArgs>());
        set => _appSettings = value;
    }

    public InputUnion<string, Pulumi.AzureNative.Web.FtpsState>? FtpsState { get; set; }

    public InputUnion<string, Pulumi.AzureNative.Web.SupportedTlsVersions>? MinTlsVersion { get; set; }
}

public sealed class NameValuePairArgs : global::Pulumi.ResourceArgs
{
    public Input<string>? Name { get; set; }

    public Input<string>? Value { get; set; }
}
