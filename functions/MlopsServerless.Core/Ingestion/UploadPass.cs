using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// The one read of an upload: its bytes flow once from the store through the CSV profiler into a staging object, hashed
/// (SHA-256) on their way into it, so that committing it later (a version's data.csv or a quarantine copy) is a
/// store-side move, never a second read. The hash runs on the staging side of the pipe, beside the parse rather than after
/// it on the same thread, and covers exactly the bytes staged. A file that is not CSV is still read to its end, so its
/// staged copy keeps every byte.
/// </summary>
/// <param name="StagingKey">Where the bytes were staged.</param>
/// <param name="Sha256">The SHA-256 of every byte read.</param>
/// <param name="SizeBytes">How many bytes were read.</param>
/// <param name="Profile">The CSV profile, or null when <paramref name="Error"/> says why the file cannot be read as CSV.</param>
/// <param name="Error">Why the file is not a readable CSV, or null.</param>
internal sealed record UploadPass(string StagingKey, string Sha256, long SizeBytes, CsvProfile? Profile, CsvFormatException? Error)
{
    // Bytes read ahead of the staging write before reading waits: bounded memory, whatever the upload's size.
    private const long PauseAt = 4 << 20;

    /// <exception cref="MlopsException">NotFound when the upload is gone; Unavailable when the store fails.</exception>
    public static async Task<UploadPass> ReadAsync(IObjectStore store, string uploadKey, string stagingKey, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenReadAsync(uploadKey, cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.NotFound($"There is no upload '{uploadKey}'.");
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseAt, resumeWriterThreshold: PauseAt / 2, useSynchronizationContext: false));
        using var hashing = new HashingStream(pipe.Reader.AsStream(leaveOpen: true));
        var staged = StageAsync(store, stagingKey, hashing, pipe.Reader, cancellationToken);
        try
        {
            var tee = new TeeStream(content, pipe.Writer);
            CsvProfile? profile = null;
            CsvFormatException? error = null;
            try
            {
                var (rows, columns) = await CsvProfiler.ProfileColumnsAsync(tee, cancellationToken).ConfigureAwait(false);
                profile = new CsvProfile("", 0, rows, columns);
            }
            catch (CsvFormatException e)
            {
                error = e;
            }

            // Read on to the end, so the staged copy, and the hash, cover every byte of the upload.
            await tee.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
            await staged.ConfigureAwait(false);
            var sha = hashing.HexDigest();
            return new UploadPass(stagingKey, sha, hashing.BytesRead, profile is null ? null : profile with { Sha256 = sha, SizeBytes = hashing.BytesRead }, error);
        }
        catch (Exception e)
        {
            await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
            await staged.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (staged.Exception?.InnerException is { } cause && cause != e)
            {
                // The staging write failed first; the read only stopped because of it.
                ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    private static async Task StageAsync(IObjectStore store, string stagingKey, HashingStream source, PipeReader reader, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await store.PutStreamAsync(stagingKey, source, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }
}
