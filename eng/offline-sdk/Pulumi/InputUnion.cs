// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Core/InputUnion.cs): declarations only.
#nullable enable
namespace Pulumi;

public sealed class InputUnion<T0, T1> : Input<Union<T0, T1>>
{
    public InputUnion() => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputUnion<T0, T1>(Union<T0, T1> value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputUnion<T0, T1>(T0 value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputUnion<T0, T1>(T1 value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputUnion<T0, T1>(Input<T0> value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputUnion<T0, T1>(Input<T1> value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputUnion<T0, T1>(Output<Union<T0, T1>> value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputUnion<T0, T1>(Output<T0> value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputUnion<T0, T1>(Output<T1> value) => throw OfflineDeclaration.NotAvailable();
}
