// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Core/InputList.cs): declarations only.
#nullable enable
using System.Collections;
using System.Collections.Immutable;

namespace Pulumi;

public sealed class InputList<T> : Input<ImmutableArray<T>>, IEnumerable, IAsyncEnumerable<Input<T>>
{
    public InputList() => throw OfflineDeclaration.NotAvailable();

    public void Add(params Input<T>[] inputs) => throw OfflineDeclaration.NotAvailable();

    public void Add(InputList<T> inputs) => throw OfflineDeclaration.NotAvailable();

    public void AddRange(InputList<T> inputs) => throw OfflineDeclaration.NotAvailable();

    public InputList<T> Concat(InputList<T> other) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(T value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(Output<T> value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(Input<T> value) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(T[] values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(Output<T>[] values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(Input<T>[] values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(List<T> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(List<Output<T>> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(List<Input<T>> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(ImmutableArray<T> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(ImmutableArray<Output<T>> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(ImmutableArray<Input<T>> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(Output<T[]> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(Output<List<T>> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(Output<IEnumerable<T>> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputList<T>(Output<ImmutableArray<T>> values) => throw OfflineDeclaration.NotAvailable();

    IEnumerator IEnumerable.GetEnumerator() => throw OfflineDeclaration.NotAvailable();

    public IAsyncEnumerator<Input<T>> GetAsyncEnumerator(CancellationToken cancellationToken) => throw OfflineDeclaration.NotAvailable();
}
