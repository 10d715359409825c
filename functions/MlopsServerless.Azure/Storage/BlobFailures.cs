using Azure;
using Azure.Storage.Blobs.Models;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Azure.Storage;

/// <summary>Sorts Blob Storage failures into the codes Core understands.</summary>
internal static class BlobFailures
{
    /// <summary>The write's condition did not hold: a stale ETag (412) or a create over an existing blob (409).</summary>
    public static bool IsPreconditionFailure(RequestFailedException e) =>
        e.Status == 412 || (e.Status == 409 && e.ErrorCode == BlobErrorCode.BlobAlreadyExists);

    /// <summary>
    /// A failure of the service or the way to it. A cancellation the caller asked for is not one; a timeout is.
    /// </summary>
    public static bool IsTransport(Exception e, CancellationToken cancellationToken) => e switch
    {
        RequestFailedException or AggregateException or HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public static MlopsException Unavailable(string key, string action, Exception e) =>
        MlopsException.Unavailable($"Blob storage could not {action} '{key}': {Describe(e)}. Retrying may succeed.", e);

    public static string Describe(Exception e) => e switch
    {
        RequestFailedException { Status: > 0 } r => $"HTTP {r.Status} {r.ErrorCode}".TrimEnd(),
        AggregateException a => $"gave up after {a.InnerExceptions.Count} attempts ({Describe(a.InnerExceptions[^1])})",
        _ => e.GetBaseException().Message,
    };
}
