// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Config.cs): declarations only.
#nullable enable
namespace Pulumi;

public sealed partial class Config
{
    public Config(string? name = null) => throw OfflineDeclaration.NotAvailable();

    public string? Get(string key) => throw OfflineDeclaration.NotAvailable();
}
