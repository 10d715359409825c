using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Core.Storage;

/// <summary>Reads and writes JSON documents (manifests, registry, run records) through any <see cref="IObjectStore"/>.</summary>
public static class ObjectStoreJsonExtensions
{
    /// <summary>Reads and deserializes a document, or null when absent.</summary>
    /// <exception cref="MlopsException">FailedPrecondition when the stored document is damaged; the message names the key.</exception>
    public static async Task<Versioned<T>?> ReadJsonAsync<T>(this IObjectStore store, string key, CancellationToken cancellationToken)
        where T : class
    {
        var stored = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return new Versioned<T>(MlopsJson.Deserialize<T>(stored.Content.Span, key), stored.ETag);
        }
        catch (JsonException e)
        {
            throw MlopsException.FailedPrecondition($"'{key}' is damaged and cannot be read ({e.Message}). Restore it from a backup or remove it.");
        }
    }

    /// <summary>Serializes and writes a document under <paramref name="condition"/>; returns the new ETag.</summary>
    public static Task<string> WriteJsonAsync<T>(this IObjectStore store, string key, T value, WriteCondition condition, CancellationToken cancellationToken) =>
        store.PutAsync(key, MlopsJson.Serialize(value), condition, cancellationToken);

    /// <summary>
    /// Creates a document that must never change once written. Writing the same bytes again is not an error (a retried
    /// step), but different bytes under the same key are: immutable means immutable.
    /// </summary>
    /// <returns>True when this call created it, false when identical bytes were already there.</returns>
    public static async Task<bool> CreateImmutableAsync(this IObjectStore store, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await store.PutAsync(key, content, WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            var existing = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing.Content.Span.SequenceEqual(content.Span))
            {
                return false;
            }

            throw MlopsException.AlreadyExists($"'{key}' exists with different content and is immutable.");
        }
    }

    /// <summary>Every key under <paramref name="prefix"/>, in ordinal order.</summary>
    public static async Task<List<ObjectInfo>> ListAllAsync(this IObjectStore store, string prefix, CancellationToken cancellationToken)
    {
        var items = new List<ObjectInfo>();
        await foreach (var item in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }
}
