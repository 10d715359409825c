using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Storage.Leases;

/// <summary>
/// A claim held by this process (see <see cref="LeaseManager"/>). <see cref="KeepRenewing"/> renews it in the background
/// at a third of its duration; <see cref="Lost"/> is cancelled when a renewal finds another holder. Disposing releases it
/// (only if it is still ours).
/// </summary>
public sealed class Lease : IAsyncDisposable
{
    private readonly IRecordStore _records;
    private readonly TimeProvider _time;
    private readonly string _row;
    private readonly TimeSpan _duration;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Action _disposed;
    private Task _renewing = Task.CompletedTask;
    private string _etag;

    internal Lease(IRecordStore records, TimeProvider time, string row, LeaseRecord record, string etag, TimeSpan duration, Action disposed)
    {
        (_records, _time, _row, Record, _etag, _duration, _disposed) = (records, time, row, record, etag, duration, disposed);
    }

    /// <summary>The claim as last written by this holder.</summary>
    public LeaseRecord Record { get; private set; }

    /// <summary>Cancelled once the lease is known to be lost (expired and taken over): stop the guarded work.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Extends the lease by its duration from now; false (and <see cref="Lost"/> cancelled) when another holder has it.</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lost.IsCancellationRequested)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            var renewed = Record with { ExpiresAt = now + _duration };
            _etag = await _records.ReplaceAsync(RecordTables.Leases, LeaseManager.RecordOf(_row, renewed), _etag, cancellationToken).ConfigureAwait(false);
            Record = renewed;
            return true;
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            await _lost.CancelAsync().ConfigureAwait(false);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Renews every third of the duration until disposed or lost. A renewal that fails for a passing outage is tried again next period.</summary>
    public Lease KeepRenewing()
    {
        _renewing = RenewLoopAsync(_stop.Token);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await LeaseManager.TryReleaseAsync(_records, _row, _etag, CancellationToken.None).ConfigureAwait(false);
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Unavailable)
            {
                // Not released: it expires on its own.
            }
        }

        _stop.Dispose();
        _lost.Dispose();
        _gate.Dispose();
        _disposed();
    }

    private async Task RenewLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && !_lost.IsCancellationRequested)
        {
            await Task.Delay(_duration / 3, _time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await RenewAsync(stop).ConfigureAwait(false);
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Unavailable)
            {
                // The store is briefly out of reach; the lease is still ours until it expires.
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
