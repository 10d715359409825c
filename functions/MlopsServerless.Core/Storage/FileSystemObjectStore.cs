using System.Runtime.CompilerServices;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Storage;

/// <summary>
/// The embedded default's object store: one folder, a file per object. Writes go to a temporary file and are renamed
/// into place, so a reader or a crash never sees half an object. Conditional writes and appends hold a per-key lock
/// file (flock on Unix), so they are safe across threads and processes sharing the folder.
/// </summary>
public sealed class FileSystemObjectStore : IObjectStore
{
    private const string TempFolder = ".tmp";
    private const string LockFolder = ".locks";
    private const long FlushEvery = 32 << 20;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private readonly string _root;

    /// <summary>Creates a store rooted at <paramref name="root"/>, creating the folder when absent.</summary>
    public FileSystemObjectStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(_root, TempFolder));
        Directory.CreateDirectory(Path.Combine(_root, LockFolder));
    }

    /// <summary>The folder this store writes to.</summary>
    public string Root => _root;

    public async Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var etag = ETagOf(File.GetLastWriteTimeUtc(handle), RandomAccess.GetLength(handle));
            var buffer = new byte[RandomAccess.GetLength(handle)];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return new StoredObject(key, buffer.AsMemory(0, read), etag);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken) =>
        WriteAsync(key, condition, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), cancellationToken);

    public Task<string> PutStreamAsync(string key, Stream content, WriteCondition condition, CancellationToken cancellationToken) =>
        WriteAsync(key, condition, (stream, ct) => CopyFlushingAsync(content, stream, ct), cancellationToken);

    public async Task AppendAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        using var gate = await LockAsync(key, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 12, useAsync: true);
        await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectKey.ValidatePrefix(prefix);
        var lastSlash = prefix.LastIndexOf('/');
        var start = lastSlash < 0 ? _root : Path.Combine(_root, prefix[..lastSlash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(start))
        {
            yield break;
        }

        var found = new List<ObjectInfo>();
        foreach (var file in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || IsReserved(key))
            {
                continue;
            }

            var info = new FileInfo(file);
            if (info.Exists)
            {
                found.Add(new ObjectInfo(key, info.Length, ETagOf(info.LastWriteTimeUtc, info.Length), info.LastWriteTimeUtc));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var item in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        using var gate = await LockAsync(key, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    public async Task<bool> DeleteIfMatchAsync(string key, string etag, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        using var gate = await LockAsync(key, cancellationToken).ConfigureAwait(false);

        // A writer outside the store (a user copying a file into incoming/) takes no lock; it moves the modification time
        // or the length, which the ETag is made of, so a file it touched after the read no longer matches.
        var current = new FileInfo(path);
        if (!current.Exists || ETagOf(current.LastWriteTimeUtc, current.Length) != etag)
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult(info.Exists ? new ObjectInfo(key, info.Length, ETagOf(info.LastWriteTimeUtc, info.Length), info.LastWriteTimeUtc) : null);
    }

    public async Task<string> MoveAsync(string sourceKey, string destinationKey, WriteCondition condition, CancellationToken cancellationToken)
    {
        var source = PathOf(sourceKey);
        var destination = PathOf(destinationKey);
        using var gate = await LockAsync(destinationKey, cancellationToken).ConfigureAwait(false);
        var current = new FileInfo(destination);
        CheckCondition(destinationKey, condition, current);
        if (!File.Exists(source))
        {
            throw MlopsException.NotFound($"There is no '{sourceKey}' to move.");
        }

        File.SetLastWriteTimeUtc(source, NextStamp(current));
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Move(source, destination, overwrite: true);
        var moved = new FileInfo(destination);
        return ETagOf(moved.LastWriteTimeUtc, moved.Length);
    }

    /// <summary>Deletes temporary files (<c>.tmp/</c>) of writes a killed process never finished, untouched since <paramref name="writtenBefore"/>.</summary>
    public Task<int> DeleteUnfinishedWritesAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        // A live write touches its file on every 64 KiB it writes, so an old one has no writer left.
        var deleted = 0;
        foreach (var file in new DirectoryInfo(Path.Combine(_root, TempFolder)).EnumerateFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc < writtenBefore.UtcDateTime)
            {
                try
                {
                    file.Delete();
                    deleted++;
                }
                catch (IOException)
                {
                    // Deleted or reopened meanwhile: not ours to count.
                }
            }
        }

        return Task.FromResult(deleted);
    }

    /// <summary>
    /// Copies <paramref name="content"/> into <paramref name="file"/>, flushing it to disk every <see cref="FlushEvery"/>
    /// bytes on the way: the write's closing fsync then has at most that much left to write, instead of the whole object
    /// (about 80 ms for a 200 MB upload, after the upload was otherwise done).
    /// </summary>
    private static async Task CopyFlushingAsync(Stream content, FileStream file, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long unflushed = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            unflushed += read;
            if (unflushed >= FlushEvery)
            {
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                unflushed = 0;
            }
        }
    }

    private async Task<string> WriteAsync(string key, WriteCondition condition, Func<FileStream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        using var gate = await LockAsync(key, cancellationToken).ConfigureAwait(false);
        var current = new FileInfo(path);
        CheckCondition(key, condition, current);

        var temp = Path.Combine(_root, TempFolder, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.SetLastWriteTimeUtc(temp, NextStamp(current));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        var written = new FileInfo(path);
        return ETagOf(written.LastWriteTimeUtc, written.Length);
    }

    /// <summary>
    /// The modification time for a write replacing <paramref name="current"/>. The ETag is derived from it, so it must
    /// move forward on every write even when two writes land within the clock's resolution.
    /// </summary>
    private static DateTime NextStamp(FileInfo current)
    {
        var stamp = DateTime.UtcNow;
        return current.Exists && stamp <= current.LastWriteTimeUtc ? current.LastWriteTimeUtc.AddTicks(1) : stamp;
    }

    private static void CheckCondition(string key, WriteCondition condition, FileInfo current)
    {
        if (condition.IfNoneMatchAny && current.Exists)
        {
            throw MlopsException.Conflict($"'{key}' exists already.");
        }

        if (condition.IfMatch is { } expected
            && (!current.Exists || ETagOf(current.LastWriteTimeUtc, current.Length) != expected))
        {
            throw MlopsException.Conflict($"'{key}' was changed by another writer (ETag mismatch).");
        }
    }

    private async Task<IDisposable> LockAsync(string key, CancellationToken cancellationToken)
    {
        var lockPath = Path.Combine(_root, LockFolder, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32]);
        var deadline = DateTime.UtcNow + LockTimeout;
        var delay = 1;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 50);
            }
            catch (IOException e)
            {
                throw MlopsException.Unavailable($"'{key}' stayed locked for {LockTimeout.TotalSeconds:0} s.", e);
            }
        }
    }

    private string PathOf(string key)
    {
        ObjectKey.Validate(key);
        if (IsReserved(key))
        {
            throw MlopsException.InvalidArgument($"'{key}' is reserved by the local store.");
        }

        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw MlopsException.InvalidArgument($"'{key}' is outside the store.");
        }

        return path;
    }

    /// <summary>Top-level folders starting with '.' (.tmp, .locks, the server's .secrets) are the store's own, never objects.</summary>
    private static bool IsReserved(string key) => key.StartsWith('.');

    private static string ETagOf(DateTime lastWriteUtc, long length) => $"\"{lastWriteUtc.Ticks:x}-{length:x}\"";
}
