// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Core/Output.cs and Output_Tuple.cs): declarations only.
#nullable enable
namespace Pulumi;

public static partial class Output
{
    public static Output<T> Create<T>(T value) => throw OfflineDeclaration.NotAvailable();

    public static Output<T> Create<T>(Task<T> value) => throw OfflineDeclaration.NotAvailable();

    public static Output<T> CreateSecret<T>(T value) => throw OfflineDeclaration.NotAvailable();

    public static Output<T> CreateSecret<T>(Task<T> value) => throw OfflineDeclaration.NotAvailable();

    public static Output<T> CreateSecret<T>(Output<T> value) => throw OfflineDeclaration.NotAvailable();

    public static Output<(T1, T2)> Tuple<T1, T2>(Input<T1> item1, Input<T2> item2) => throw OfflineDeclaration.NotAvailable();

    public static Output<(T1, T2)> Tuple<T1, T2>(Output<T1> item1, Output<T2> item2) => throw OfflineDeclaration.NotAvailable();
}

public sealed class Output<T>
{
    private Output() => throw OfflineDeclaration.NotAvailable();

    public Output<ValueTuple> Apply(Func<T, Task> func) => throw OfflineDeclaration.NotAvailable();

    public Output<TResult> Apply<TResult>(Func<T, TResult> func) => throw OfflineDeclaration.NotAvailable();

    public Output<TResult> Apply<TResult>(Func<T, Task<TResult>> func) => throw OfflineDeclaration.NotAvailable();

    public Output<TResult> Apply<TResult>(Func<T, Input<TResult>?> func) => throw OfflineDeclaration.NotAvailable();

    public Output<TResult> Apply<TResult>(Func<T, Output<TResult>?> func) => throw OfflineDeclaration.NotAvailable();
}
