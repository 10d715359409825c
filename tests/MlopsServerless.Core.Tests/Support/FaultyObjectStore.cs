using System.Collections.Concurrent;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests;

/// <summary>
/// An <see cref="IObjectStore"/> decorator that records every operation ("put key", "get key", "delete key", ...) and
/// can fail chosen operations: <see cref="FailOnce"/> makes the next matching call throw (Unavailable by default).
/// </summary>
public sealed class FaultyObjectStore(IObjectStore inner) : IObjectStore
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly List<(string Operation, Func<string, bool> Matches, Func<Exception> Error, int Remaining)> _faults = [];
    private readonly Lock _gate = new();

    /// <summary>Every operation so far as "op key", in call order.</summary>
    public IReadOnlyList<string> Operations => [.. _log];

    /// <summary>When true every call yields before doing anything, as a remote store would, so no call completes synchronously.</summary>
    public bool Asynchronous { get; set; }

    /// <summary>Called after a successful put (op "put"), with the key; lets a test react to a write (for example cancel).</summary>
    public Action<string>? AfterPut { get; set; }

    /// <summary>Makes the next <paramref name="times"/> calls of <paramref name="operation"/> on a matching key throw.</summary>
    public void FailOnce(string operation, Func<string, bool> matches, Func<Exception>? error = null, int times = 1)
    {
        lock (_gate)
        {
            _faults.Add((operation, matches, error ?? (() => MlopsException.Unavailable("injected outage")), times));
        }
    }

    public async Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await YieldAsync();
        Enter("get", key);
        return await inner.GetAsync(key, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        await YieldAsync();
        Enter("open", key);
        return await inner.OpenReadAsync(key, cancellationToken);
    }

    public async Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken)
    {
        await YieldAsync();
        Enter("put", key);
        var etag = await inner.PutAsync(key, content, condition, cancellationToken);
        AfterPut?.Invoke(key);
        return etag;
    }

    public async Task<string> PutStreamAsync(string key, Stream content, WriteCondition condition, CancellationToken cancellationToken)
    {
        await YieldAsync();
        Enter("put", key);
        var etag = await inner.PutStreamAsync(key, content, condition, cancellationToken);
        AfterPut?.Invoke(key);
        return etag;
    }

    public async Task AppendAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await YieldAsync();
        Enter("append", key);
        await inner.AppendAsync(key, content, cancellationToken);
    }

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        Enter("list", prefix);
        return inner.ListAsync(prefix, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await YieldAsync();
        Enter("delete", key);
        return await inner.DeleteAsync(key, cancellationToken);
    }

    public async Task<bool> DeleteIfMatchAsync(string key, string etag, CancellationToken cancellationToken)
    {
        await YieldAsync();
        Enter("delete", key);
        return await inner.DeleteIfMatchAsync(key, etag, cancellationToken);
    }

    public async Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        await YieldAsync();
        Enter("info", key);
        return await inner.GetInfoAsync(key, cancellationToken);
    }

    public async Task<string> MoveAsync(string sourceKey, string destinationKey, WriteCondition condition, CancellationToken cancellationToken)
    {
        await YieldAsync();
        Enter("move", destinationKey);
        var etag = await inner.MoveAsync(sourceKey, destinationKey, condition, cancellationToken);
        AfterPut?.Invoke(destinationKey);
        return etag;
    }

    private async Task YieldAsync()
    {
        if (Asynchronous)
        {
            await Task.Yield();
        }
    }

    private void Enter(string operation, string key)
    {
        _log.Enqueue(operation + " " + key);
        Exception? error = null;
        lock (_gate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var fault = _faults[i];
                if (fault.Operation == operation && fault.Remaining > 0 && fault.Matches(key))
                {
                    _faults[i] = fault with { Remaining = fault.Remaining - 1 };
                    error = fault.Error();
                    break;
                }
            }
        }

        if (error is not null)
        {
            throw error;
        }
    }
}
