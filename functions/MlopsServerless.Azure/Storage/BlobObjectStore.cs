using System.Runtime.CompilerServices;
using Azure;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Azure.Storage;

/// <summary>
/// <see cref="IObjectStore"/> over one Blob Storage container. Conditional puts map onto If-Match / If-None-Match,
/// so the service itself arbitrates concurrent writers; appends go to append blobs. The container is created on
/// first use. ETags are always given in their quoted header form ("0x8D..."), whichever call returned them: the
/// service sends them quoted in headers but bare in listings.
/// </summary>
public sealed class BlobObjectStore : IObjectStore
{
    // Staged uploads hold at most this much per block in memory; small objects go up in a single request.
    private static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 4 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 2,
    };

    private readonly BlobContainerClient _container;
    private readonly BlobAppender _appender;
    private readonly ILogger _logger;
    private volatile bool _containerReady;

    /// <summary>Connects with <paramref name="options"/> (validated first).</summary>
    /// <exception cref="MlopsException">InvalidArgument when the options are incomplete or malformed.</exception>
    public BlobObjectStore(BlobStoreOptions options, ILogger<BlobObjectStore>? logger = null)
        : this(ContainerOf(options), logger)
    {
    }

    /// <summary>Uses an already configured container client (tests, or hosts that build their own clients).</summary>
    public BlobObjectStore(BlobContainerClient container, ILogger<BlobObjectStore>? logger = null)
    {
        _container = container;
        _logger = logger ?? NullLogger<BlobObjectStore>.Instance;
        _appender = new BlobAppender(_logger);
    }

    /// <summary>The container this store writes to.</summary>
    public string ContainerName => _container.Name;

    public async Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            return new StoredObject(key, result.Content.ToMemory(), result.Details.ETag.ToString("H"));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
        {
            throw BlobFailures.Unavailable(key, "read", e);
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await blob.DownloadStreamingAsync(new BlobDownloadOptions(), cancellationToken).ConfigureAwait(false);
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
        {
            throw BlobFailures.Unavailable(key, "open", e);
        }
    }

    public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken) =>
        UploadAsync(key, condition, (blob, options) => blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken), cancellationToken);

    public Task<string> PutStreamAsync(string key, Stream content, WriteCondition condition, CancellationToken cancellationToken) =>
        UploadAsync(key, condition, (blob, options) => blob.UploadAsync(content, options, cancellationToken), cancellationToken);

    public async Task AppendAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var blob = _container.GetAppendBlobClient(ObjectKey.Validate(key));
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _appender.AppendAsync(blob, content, StorageLayout.TagsFor(key), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.InvalidBlobType)
        {
            throw MlopsException.FailedPrecondition(
                $"'{key}' was written whole (put), so it cannot be appended to; append only to objects created by appending.");
        }
        catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
        {
            throw BlobFailures.Unavailable(key, "append to", e);
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectKey.ValidatePrefix(prefix);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);

        // The service lists names in ordinal order, page by page, so the listing streams without sorting.
        var items = _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        await using (items.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await items.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
                {
                    throw BlobFailures.Unavailable(prefix, "list", e);
                }

                if (!more)
                {
                    break;
                }

                var properties = items.Current.Properties;
                yield return new ObjectInfo(
                    items.Current.Name,
                    properties.ContentLength ?? 0,
                    properties.ETag?.ToString("H") ?? "",
                    properties.LastModified ?? DateTimeOffset.MinValue);
            }
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deleted = await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return deleted.Value;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw MlopsException.Conflict($"'{key}' is being appended to by another writer; delete it again once that write ends.", e);
        }
        catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
        {
            throw BlobFailures.Unavailable(key, "delete", e);
        }
    }

    public async Task<bool> DeleteIfMatchAsync(string key, string etag, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deleted = await blob.DeleteIfExistsAsync(
                DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = new ETag(etag) }, cancellationToken).ConfigureAwait(false);
            return deleted.Value;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
        catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
        {
            throw BlobFailures.Unavailable(key, "delete", e);
        }
    }

    public async Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new ObjectInfo(key, properties.ContentLength, properties.ETag.ToString("H"), properties.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
        {
            throw BlobFailures.Unavailable(key, "describe", e);
        }
    }

    public async Task<string> MoveAsync(string sourceKey, string destinationKey, WriteCondition condition, CancellationToken cancellationToken)
    {
        var source = Blob(sourceKey);
        var destination = Blob(destinationKey);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A copy inside one container is done by the service: no bytes pass through this process. The destination
            // changes only when the copy commits, and the source is deleted only after that.
            var copy = await destination.StartCopyFromUriAsync(
                source.Uri, new BlobCopyFromUriOptions { DestinationConditions = ConditionsOf(condition) }, cancellationToken).ConfigureAwait(false);
            await copy.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
            var etag = (await destination.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ETag.ToString("H");
            await source.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            return etag;
        }
        catch (RequestFailedException e) when (BlobFailures.IsPreconditionFailure(e))
        {
            throw MlopsException.Conflict(condition.IfNoneMatchAny
                ? $"'{destinationKey}' exists already."
                : $"'{destinationKey}' was changed or deleted by another writer (ETag mismatch).", e);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw MlopsException.NotFound($"There is no '{sourceKey}' to move.");
        }
        catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
        {
            throw BlobFailures.Unavailable(sourceKey, "move", e);
        }
    }

    private async Task<string> UploadAsync(
        string key, WriteCondition condition, Func<BlobClient, BlobUploadOptions, Task<Response<BlobContentInfo>>> upload, CancellationToken cancellationToken)
    {
        var blob = Blob(key);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var options = new BlobUploadOptions { Conditions = ConditionsOf(condition), TransferOptions = Transfer };
        try
        {
            var response = await upload(blob, options).ConfigureAwait(false);
            return response.Value.ETag.ToString("H");
        }
        catch (RequestFailedException e) when (BlobFailures.IsPreconditionFailure(e))
        {
            throw MlopsException.Conflict(condition.IfNoneMatchAny
                ? $"'{key}' exists already."
                : $"'{key}' was changed or deleted by another writer (ETag mismatch); read it again and retry.", e);
        }
        catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
        {
            throw BlobFailures.Unavailable(key, "write", e);
        }
    }

    private static BlobRequestConditions? ConditionsOf(WriteCondition condition) => condition switch
    {
        { IfNoneMatchAny: true } => new BlobRequestConditions { IfNoneMatch = ETag.All },
        { IfMatch: { } etag } => new BlobRequestConditions { IfMatch = new ETag(etag) },
        _ => null,
    };

    private BlobClient Blob(string key) => _container.GetBlobClient(ObjectKey.Validate(key));

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        try
        {
            // Concurrent first calls may both ask; creating an existing container is a no-op.
            if (await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is not null)
            {
                Log.ContainerCreated(_logger, _container.AccountName, _container.Name);
            }
        }
        catch (Exception e) when (BlobFailures.IsTransport(e, cancellationToken))
        {
            throw MlopsException.Unavailable(
                $"Blob container '{_container.Name}' in account '{_container.AccountName}' could not be opened or created: {BlobFailures.Describe(e)}", e);
        }

        _containerReady = true;
    }

    private static BlobContainerClient ContainerOf(BlobStoreOptions options)
    {
        options.Validate();
        try
        {
            var service = options.ConnectionString is { Length: > 0 } connectionString
                ? new BlobServiceClient(connectionString)
                : new BlobServiceClient(options.AccountUri, new DefaultAzureCredential());
            return service.GetBlobContainerClient(options.Container);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // The exception text may quote the connection string, so it is not passed on.
            throw MlopsException.InvalidArgument(
                "Blob storage: ConnectionString is not a valid storage connection string (expected AccountName=...;AccountKey=...;BlobEndpoint=... or UseDevelopmentStorage=true).");
        }
    }
}
