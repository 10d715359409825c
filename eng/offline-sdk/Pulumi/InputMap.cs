// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Core/InputMap.cs): declarations only.
#nullable enable
using System.Collections;
using System.Collections.Immutable;

namespace Pulumi;

public sealed class InputMap<TValue> : Input<ImmutableDictionary<string, TValue>>, IEnumerable, IAsyncEnumerable<Input<KeyValuePair<string, TValue>>>
{
    public InputMap() => throw OfflineDeclaration.NotAvailable();

    public void Add(string key, Input<TValue> value) => throw OfflineDeclaration.NotAvailable();

    public Input<TValue> this[string key]
    {
        set => throw OfflineDeclaration.NotAvailable();
    }

    public void Add(InputMap<TValue> values) => throw OfflineDeclaration.NotAvailable();

    public void AddRange(InputMap<TValue> values) => throw OfflineDeclaration.NotAvailable();

    public static InputMap<TValue> Merge(InputMap<TValue> first, InputMap<TValue> second) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputMap<TValue>(Dictionary<string, TValue> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputMap<TValue>(ImmutableDictionary<string, TValue> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputMap<TValue>(Output<Dictionary<string, TValue>> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputMap<TValue>(Output<IDictionary<string, TValue>> values) => throw OfflineDeclaration.NotAvailable();

    public static implicit operator InputMap<TValue>(Output<ImmutableDictionary<string, TValue>> values) => throw OfflineDeclaration.NotAvailable();

    IEnumerator IEnumerable.GetEnumerator() => throw OfflineDeclaration.NotAvailable();

    public IAsyncEnumerator<Input<KeyValuePair<string, TValue>>> GetAsyncEnumerator(CancellationToken cancellationToken) => throw OfflineDeclaration.NotAvailable();
}
