using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Azure.Storage;

/// <summary>
/// Appends one call's bytes contiguously. Up to one block (4 MiB) is a single Append Block, which the service applies
/// atomically. Longer content takes a lease on the blob for its blocks, so no other appender's block can land
/// between them; other appenders wait (their Append Block fails with 412 while the lease is held) and retry.
/// </summary>
internal sealed class BlobAppender(ILogger logger)
{
    /// <summary>The largest Append Block every service version and Azurite accept.</summary>
    public const int BlockLimit = 4 * 1024 * 1024;

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LeaseRenewAfter = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    /// <param name="blob">The append blob.</param>
    /// <param name="content">The bytes, appended contiguously.</param>
    /// <param name="tags">Blob index tags set when this call creates the blob (null for none).</param>
    /// <param name="cancellationToken">Stops the append.</param>
    public async Task AppendAsync(AppendBlobClient blob, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        var create = new AppendBlobCreateOptions { Tags = tags is null ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal) };
        if (content.Length == 0)
        {
            await blob.CreateIfNotExistsAsync(create, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (content.Length <= BlockLimit)
        {
            await WhileLeasedAsync(blob, () => AppendBlockAsync(blob, content, leaseId: null, create, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        // A lease needs an existing blob.
        await blob.CreateIfNotExistsAsync(create, cancellationToken).ConfigureAwait(false);
        var lease = blob.GetBlobLeaseClient();
        await WhileLeasedAsync(blob, () => lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var renewed = DateTime.UtcNow;
            for (var offset = 0; offset < content.Length; offset += BlockLimit)
            {
                if (DateTime.UtcNow - renewed > LeaseRenewAfter)
                {
                    await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    renewed = DateTime.UtcNow;
                }

                var block = content.Slice(offset, Math.Min(BlockLimit, content.Length - offset));
                await AppendBlockAsync(blob, block, lease.LeaseId, create, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Released even when cancelled, so waiting appenders need not sit out the lease.
            await ReleaseAsync(lease).ConfigureAwait(false);
        }
    }

    private static async Task<bool> AppendBlockAsync(
        AppendBlobClient blob, ReadOnlyMemory<byte> block, string? leaseId, AppendBlobCreateOptions create, CancellationToken cancellationToken)
    {
        var options = new AppendBlobAppendBlockOptions
        {
            Conditions = leaseId is null ? null : new AppendBlobRequestConditions { LeaseId = leaseId },
        };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = BinaryData.FromBytes(block).ToStream();
                await blob.AppendBlockAsync(stream, options, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 404 && attempt == 0)
            {
                // The first append to a key creates the blob (with its tags); later appends skip this round trip.
                await blob.CreateIfNotExistsAsync(create, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs an operation, retrying with backoff while another appender holds the blob's lease.</summary>
    private async Task WhileLeasedAsync<T>(AppendBlobClient blob, Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                await operation().ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (IsLeaseBusy(e) && DateTime.UtcNow - started < WaitLimit)
            {
                Log.AppendWaitingForLease(logger, blob.Name);
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(10)), cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
            }
            catch (RequestFailedException e) when (IsLeaseBusy(e))
            {
                throw MlopsException.Unavailable(
                    $"'{blob.Name}' stayed locked by another appender for {WaitLimit.TotalSeconds:0} s; retry later.", e);
            }
        }
    }

    private static bool IsLeaseBusy(RequestFailedException e) =>
        e.ErrorCode == BlobErrorCode.LeaseIdMissing || e.ErrorCode == BlobErrorCode.LeaseAlreadyPresent;

    private static async Task ReleaseAsync(BlobLeaseClient lease)
    {
        try
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // The lease expires by itself within LeaseDuration; the appended bytes are already in place.
        }
    }
}
