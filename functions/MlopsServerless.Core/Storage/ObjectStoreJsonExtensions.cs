using System.Runtime.CompilerServices;
using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Core.Storage;

/// <summary>Reads and writes JSON documents (manifests, registry, run records) through any <see cref="IObjectStore"/>.</summary>
public static class ObjectStoreJsonExtensions
{
    /// <summary>Reads and deserializes a document, or null when absent.</summary>
    /// <exception cref="MlopsException">FailedPrecondition when the stored document is damaged; the message names the key.</exception>
    /// <remarks>A JSON error means the caller's fault (400) only for a request body; stored data read here is never that.</remarks>
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
            throw Damaged(key, e.Message);
        }
    }

    private static MlopsException Damaged(string key, string why, int? line = null) =>
        MlopsException.FailedPrecondition(
            $"Stored data '{key}'{(line is { } n ? $" line {n}" : "")} is damaged and cannot be read ({why}). Restore it from a backup or remove it.");

    /// <summary>
    /// Reads a stored object with <paramref name="parse"/> (a model file, a drift report: formats with their own reader),
    /// or null when absent. This and <see cref="ReadJsonAsync{T}"/> are the one rule for stored data: whatever the parser
    /// refuses (a JSON error or its own InvalidArgument) is damaged data, FailedPrecondition naming the key, never the
    /// caller's fault.
    /// </summary>
    /// <exception cref="MlopsException">FailedPrecondition when the stored object is damaged; the message names the key.</exception>
    public static async Task<T?> ReadStoredAsync<T>(this IObjectStore store, string key, Func<ReadOnlyMemory<byte>, T> parse, CancellationToken cancellationToken)
        where T : class
    {
        var stored = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : ParseStored(stored.Content, key, parse);
    }

    /// <summary>Parses bytes read from <paramref name="key"/>, turning a parse failure into FailedPrecondition naming the key.</summary>
    /// <exception cref="MlopsException">FailedPrecondition when the bytes are damaged.</exception>
    public static T ParseStored<T>(ReadOnlyMemory<byte> content, string key, Func<ReadOnlyMemory<byte>, T> parse)
    {
        try
        {
            return parse(content);
        }
        catch (Exception e) when (e is JsonException || (e is MlopsException m && m.Code == ErrorCode.InvalidArgument))
        {
            throw Damaged(key, e.Message);
        }
    }

    /// <summary>
    /// Streams a JSON Lines object (feedback, audit log) one item at a time; nothing when absent.
    /// </summary>
    /// <exception cref="MlopsException">FailedPrecondition naming the key and line when a line is damaged.</exception>
    public static async IAsyncEnumerable<T> ReadJsonLinesAsync<T>(this IObjectStore store, string key, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var stream = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            yield break;
        }

        using var reader = new StreamReader(stream);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            T item;
            try
            {
                item = JsonSerializer.Deserialize<T>(line, MlopsJson.Options) ?? throw new JsonException("The line is null.");
            }
            catch (JsonException e)
            {
                throw Damaged(key, e.Message, number);
            }

            yield return item;
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
