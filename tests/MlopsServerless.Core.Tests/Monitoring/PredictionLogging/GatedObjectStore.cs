using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests.Monitoring.PredictionLogging;

/// <summary>A store whose appends wait on a gate (a slow store) or fail (a broken one); everything else passes through.</summary>
internal sealed class GatedObjectStore(IObjectStore inner) : IObjectStore
{
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource AppendStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Fail { get; set; }

    public async Task AppendAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        AppendStarted.TrySetResult();
        await Gate.Task.WaitAsync(cancellationToken);
        if (Fail)
        {
            throw new IOException("disk on fire");
        }

        await inner.AppendAsync(key, content, cancellationToken);
    }

    public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken) =>
        inner.PutAsync(key, content, condition, cancellationToken);

    public Task<string> PutStreamAsync(string key, Stream content, WriteCondition condition, CancellationToken cancellationToken) =>
        inner.PutStreamAsync(key, content, condition, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> DeleteIfMatchAsync(string key, string etag, CancellationToken cancellationToken) => inner.DeleteIfMatchAsync(key, etag, cancellationToken);

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

    public Task<string> MoveAsync(string sourceKey, string destinationKey, WriteCondition condition, CancellationToken cancellationToken) =>
        inner.MoveAsync(sourceKey, destinationKey, condition, cancellationToken);
}
