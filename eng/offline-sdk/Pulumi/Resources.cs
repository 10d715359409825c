// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Resources/*.cs, Stack.cs, Deployment/InvokeOptions.cs): declarations only.
#nullable enable
namespace Pulumi;

public class Resource
{
    private protected Resource() => throw OfflineDeclaration.NotAvailable();

    public Output<string> Urn { get; private protected set; } = null!;
}

public class CustomResource : Resource
{
    public CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null) => throw OfflineDeclaration.NotAvailable();

    [Output("id")]
    public Output<string> Id { get; private protected set; } = null!;
}

public class ComponentResource : Resource
{
    public ComponentResource(string type, string name, ComponentResourceOptions? options = null) => throw OfflineDeclaration.NotAvailable();
}

public class Stack : ComponentResource
{
    public Stack(StackOptions? options = null)
        : base("pulumi:pulumi:Stack", "offline") => throw OfflineDeclaration.NotAvailable();
}

public class StackOptions
{
}

public abstract class InputArgs
{
    protected InputArgs() => throw OfflineDeclaration.NotAvailable();
}

public abstract class ResourceArgs : InputArgs
{
}

public abstract class InvokeArgs : InputArgs
{
}

public abstract partial class ResourceOptions
{
    public InputList<Resource> DependsOn
    {
        get => throw OfflineDeclaration.NotAvailable();
        set => throw OfflineDeclaration.NotAvailable();
    }
}

public sealed class CustomResourceOptions : ResourceOptions
{
    public List<string> AdditionalSecretOutputs
    {
        get => throw OfflineDeclaration.NotAvailable();
        set => throw OfflineDeclaration.NotAvailable();
    }
}

public sealed class ComponentResourceOptions : ResourceOptions
{
}

public class InvokeOptions
{
}

public class InvokeOutputOptions : InvokeOptions
{
    public InputList<Resource> DependsOn
    {
        get => throw OfflineDeclaration.NotAvailable();
        set => throw OfflineDeclaration.NotAvailable();
    }
}
