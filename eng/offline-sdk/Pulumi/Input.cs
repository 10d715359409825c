// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Core/Input.cs): declarations only.
#nullable enable
namespace Pulumi;

public class Input<T>
{
    private protected Input() => throw OfflineDeclaration.NotAvailable();

    public static implicit operator Input<T>(T value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator Input<T>(Output<T> value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator Output<T>(Input<T> input) => throw OfflineDeclaration.NotAvailable();
}
