// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Deployment/Deployment.cs, Deployment_Run.cs, DeploymentInstance.cs): declarations only.
#nullable enable
namespace Pulumi;

public sealed partial class Deployment
{
    private Deployment() => throw OfflineDeclaration.NotAvailable();

    public static DeploymentInstance Instance => throw OfflineDeclaration.NotAvailable();

    public static Task<int> RunAsync<TStack>() where TStack : Stack, new() => throw OfflineDeclaration.NotAvailable();
}

public sealed class DeploymentInstance
{
    private DeploymentInstance() => throw OfflineDeclaration.NotAvailable();

    public string StackName => throw OfflineDeclaration.NotAvailable();

    public string ProjectName => throw OfflineDeclaration.NotAvailable();

    public string RootDirectory => throw OfflineDeclaration.NotAvailable();

    public string OrganizationName => throw OfflineDeclaration.NotAvailable();
}
