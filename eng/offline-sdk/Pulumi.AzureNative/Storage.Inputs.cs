// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/Storage/Inputs/*.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.Storage.Inputs;

public sealed class SkuArgs : global::Pulumi.ResourceArgs
{
    public InputUnion<string, Pulumi.AzureNative.Storage.SkuName> Name { get; set; } = null!;
}

public sealed class ManagementPolicySchemaArgs : global::Pulumi.ResourceArgs
{
    private InputList<Inputs.ManagementPolicyRuleArgs>? _rules;

    public InputList<Inputs.ManagementPolicyRuleArgs> Rules
    {
        get => _rules ?? (_rules = new InputList<Inputs.ManagementPolicyRuleArgs>());
        set => _rules = value;
    }
}

public sealed class ManagementPolicyRuleArgs : global::Pulumi.ResourceArgs
{
    public Input<Inputs.ManagementPolicyDefinitionArgs> Definition { get; set; } = null!;

    public Input<bool>? Enabled { get; set; }

    public Input<string> Name { get; set; } = null!;

    public InputUnion<string, Pulumi.AzureNative.Storage.RuleType> Type { get; set; } = null!;
}

public sealed class ManagementPolicyDefinitionArgs : global::Pulumi.ResourceArgs
{
    public Input<Inputs.ManagementPolicyActionArgs> Actions { get; set; } = null!;

    public Input<Inputs.ManagementPolicyFilterArgs>? Filters { get; set; }
}

public sealed class ManagementPolicyActionArgs : global::Pulumi.ResourceArgs
{
    public Input<Inputs.ManagementPolicyBaseBlobArgs>? BaseBlob { get; set; }
}

public sealed class ManagementPolicyBaseBlobArgs : global::Pulumi.ResourceArgs
{
    public Input<Inputs.DateAfterModificationArgs>? Delete { get; set; }
}

public sealed class DateAfterModificationArgs : global::Pulumi.ResourceArgs
{
    public Input<double>? DaysAfterModificationGreaterThan { get; set; }
}

public sealed class ManagementPolicyFilterArgs : global::Pulumi.ResourceArgs
{
    private InputList<Inputs.TagFilterArgs>? _blobIndexMatch;
    private InputList<string>? _blobTypes;
    private InputList<string>? _prefixMatch;

    public InputList<Inputs.TagFilterArgs> BlobIndexMatch
    {
        get => _blobIndexMatch ?? (_blobIndexMatch = new InputList<Inputs.TagFilterArgs>());
        set => _blobIndexMatch = value;
    }

    public InputList<string> BlobTypes
    {
        get => _blobTypes ?? (_blobTypes = new InputList<string>());
        set => _blobTypes = value;
    }

    public InputList<string> PrefixMatch
    {
        get => _prefixMatch ?? (_prefixMatch = new InputList<string>());
        set => _prefixMatch = value;
    }
}

public sealed class TagFilterArgs : global::Pulumi.ResourceArgs
{
    public Input<string> Name { get; set; } = null!;

    public Input<string> Op { get; set; } = null!;

    public Input<string> Value { get; set; } = null!;
}
