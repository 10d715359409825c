namespace MlopsServerless.Core.Storage;

/// <summary>
/// The object-store port every feature writes through: a local folder on the embedded default, Blob Storage in Azure.
/// Keys are '/'-separated; see <see cref="ObjectKey"/>.
/// </summary>
public interface IObjectStore
{
    /// <summary>Reads a whole object, or null when it does not exist.</summary>
    Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Opens an object for streaming reads, or null when it does not exist. The caller disposes the stream.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes an object and returns its new ETag.</summary>
    /// <exception cref="Errors.MlopsException">Conflict when <paramref name="condition"/> does not hold.</exception>
    Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>Writes an object from a stream (never buffered whole) and returns its new ETag.</summary>
    /// <exception cref="Errors.MlopsException">Conflict when <paramref name="condition"/> does not hold.</exception>
    Task<string> PutStreamAsync(string key, Stream content, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>Appends bytes to an object, creating it when absent. Each call's bytes land contiguously.</summary>
    Task AppendAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Lists objects whose key starts with <paramref name="prefix"/>, in ordinal key order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes an object; deleting a missing object is not an error. Returns true when something was deleted.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes an object only while it still has <paramref name="etag"/>: an object rewritten or appended to since it was
    /// read is kept. Returns true when this call deleted it, false when it is absent or has changed.
    /// </summary>
    Task<bool> DeleteIfMatchAsync(string key, string etag, CancellationToken cancellationToken);

    /// <summary>An object's length, ETag and modification time without reading it (HEAD), or null when it does not exist.</summary>
    Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an object inside the store without reading it through the caller: a rename on the local folder, a
    /// server-side copy then delete on Blob Storage. Readers of <paramref name="destinationKey"/> see the old object or
    /// the whole new one, never a part. Returns the destination's new ETag.
    /// </summary>
    /// <exception cref="Errors.MlopsException">NotFound when <paramref name="sourceKey"/> does not exist; Conflict when
    /// <paramref name="condition"/> does not hold for the destination (the source is then left where it was).</exception>
    Task<string> MoveAsync(string sourceKey, string destinationKey, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what writes that never finished left in the store itself (the process was killed mid-write), last written
    /// before <paramref name="writtenBefore"/>; returns how many. Such leftovers are never objects: no listing shows them.
    /// A store whose unfinished writes expire on their own (Blob Storage drops uncommitted blocks after 7 days) has none.
    /// </summary>
    Task<int> DeleteUnfinishedWritesAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken) => Task.FromResult(0);
}
