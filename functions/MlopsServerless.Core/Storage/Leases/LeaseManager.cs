using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Storage.Leases;

/// <summary>
/// Leases in the object store, so that exactly one process works on an upload or a run even when several share one
/// store. A lease is a small document claimed by an ETag-guarded write: created If-None-Match, taken over from an
/// expired holder If-Match, renewed If-Match by its holder. A holder that dies stops renewing, and its work is taken over
/// once the lease expires (at once when the holder was a process on this machine that is gone). Time comes from <see cref="TimeProvider"/>, so expiry is testable without waiting.
/// </summary>
public sealed class LeaseManager(IObjectStore store, TimeProvider time)
{
    /// <summary>How long a lease lasts without renewal. Defaults to 30 seconds.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    /// <summary>This process's identity in the leases it writes.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Claims <paramref name="name"/> for <paramref name="duration"/> (default <see cref="DefaultDuration"/>), or returns
    /// null when another holder has an unexpired claim (or won a race for it). Dispose the lease to release it.
    /// </summary>
    public async Task<Lease?> TryAcquireAsync(string name, TimeSpan? duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var span = duration ?? DefaultDuration;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        var key = KeyOf(name);
        var current = await store.ReadJsonAsync<LeaseRecord>(key, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (current is not null && current.Value.ExpiresAt > now && current.Value.Holder != Holder && !IsDeadLocalHolder(current.Value.Holder))
        {
            return null;
        }

        var record = new LeaseRecord(name, Holder, now, now + span);
        try
        {
            var condition = current is null ? WriteCondition.IfNotExists : WriteCondition.IfETagMatches(current.ETag);
            var etag = await store.WriteJsonAsync(key, record, condition, cancellationToken).ConfigureAwait(false);
            return new Lease(store, time, key, record, etag, span);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>The current claim on <paramref name="name"/>, expired or not, or null.</summary>
    public async Task<LeaseRecord?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await store.ReadJsonAsync<LeaseRecord>(KeyOf(name), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>
    /// True when the holder is a process on this machine that no longer runs (a killed <c>mlops serve</c>): its lease
    /// need not be waited out. A reused process id only makes us wait for expiry, the safe direction.
    /// </summary>
    private static bool IsDeadLocalHolder(string holder)
    {
        var parts = holder.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static string KeyOf(string name) =>
        StorageLayout.Lease(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32]);
}
