using System.Buffers;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// Puts a file into <c>incoming/{dataset}/</c> the safe way: written whole under an in-progress name the watcher skips
/// (<see cref="UploadName.IsInProgress"/>), then moved into place, so nothing ever reads half of it. A pending upload
/// of the same name is never replaced: the file takes the next free name (<c>data (2).csv</c>, ...).
/// </summary>
public static class UploadDrop
{
    internal const string PartialSuffix = ".uploading";
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>True for the in-progress name a drop writes under (<c>incoming/{dataset}/.{id}.uploading</c>) before it moves the file into place.</summary>
    public static bool IsPartial(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        return name.Length == 1 + 32 + PartialSuffix.Length && name[0] == '.' && name.EndsWith(PartialSuffix, StringComparison.Ordinal)
            && !name.AsSpan(1, 32).ContainsAnyExcept(LowerHex);
    }

    /// <summary>Writes <paramref name="content"/> as an upload named <paramref name="fileName"/> in <paramref name="dataset"/>; returns its key.</summary>
    /// <exception cref="MlopsException">InvalidArgument for a name that cannot be used; Conflict when 100 uploads of that name are pending.</exception>
    public static async Task<string> DropAsync(IObjectStore store, string dataset, string fileName, Stream content, CancellationToken cancellationToken)
    {
        var target = StorageLayout.Incoming(dataset, fileName);
        if (UploadName.IsInProgress(target))
        {
            // Nothing would ever pick such a file up: it would wait in incoming/ as if still being written.
            throw MlopsException.InvalidArgument(
                $"File name '{fileName}' is reserved for files still being written (it starts with '.' or ends in .tmp, .part, .uploading, ...); upload it under its final name.");
        }

        var partial = StorageLayout.Incoming(dataset, $".{Guid.NewGuid():N}{PartialSuffix}");
        await store.PutStreamAsync(partial, content, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        try
        {
            var stem = Path.GetFileNameWithoutExtension(fileName);
            for (var n = 1; ; n++)
            {
                var key = n == 1 ? target : StorageLayout.Incoming(dataset, $"{stem} ({n}){Path.GetExtension(fileName)}");
                try
                {
                    await store.MoveAsync(partial, key, WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
                    return key;
                }
                catch (MlopsException e) when (e.Code == ErrorCode.Conflict && n < 100)
                {
                    // A file of that name is waiting to be processed: keep it, and take the next free name.
                }
            }
        }
        finally
        {
            // Gone once moved; otherwise (cancelled, no free name) it must not linger as a hidden file.
            await store.DeleteAsync(partial, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
