// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1): not a mirror, the one helper every offline member throws through.
#nullable enable
namespace Pulumi;

internal static class OfflineDeclaration
{
    public static NotSupportedException NotAvailable() => new(
        "This is eng/offline-sdk, a compile-time declaration of the Pulumi API with no behaviour (PulumiSdk=offline). " +
        "Build with PulumiSdk=real on a machine with nuget.org to run or test against Pulumi.");
}
