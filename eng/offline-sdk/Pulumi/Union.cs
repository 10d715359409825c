// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Core/Union.cs): declarations only.
#nullable enable
namespace Pulumi;

public readonly struct Union<T0, T1>
{
    public static implicit operator Union<T0, T1>(T0 t) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator Union<T0, T1>(T1 t) => throw OfflineDeclaration.NotAvailable();
}
