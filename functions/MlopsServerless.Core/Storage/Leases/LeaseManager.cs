using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Storage.Leases;

/// <summary>
/// Leases in the record store (table <see cref="RecordTables.Leases"/>), so that exactly one process works on an upload
/// or a run even when several share one store. A lease is a small record claimed by a conditional write: inserted when
/// absent, taken over from an expired holder If-Match, renewed If-Match by its holder, deleted If-Match on release. A
/// holder that dies stops renewing, and its work is taken over once the lease expires (at once when the holder was a
/// process on this machine that is gone). Time comes from <see cref="TimeProvider"/>, so expiry is testable without waiting.
/// </summary>
/// <remarks>
/// Leases written by older versions as <c>leases/{hash}.json</c> objects are not imported: a lease lives for seconds,
/// so after an upgrade the old ones have expired (or their holders are gone) and nothing depends on them.
/// </remarks>
public sealed class LeaseManager(IRecordStore records, TimeProvider time)
{
    private const string Partition = "leases";

    /// <summary>How long a lease lasts without renewal. Defaults to 30 seconds.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    // The leases this process holds (by row), and those it is claiming right now.
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    /// <summary>This process's identity in the leases it writes.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Claims <paramref name="name"/> for <paramref name="duration"/> (default <see cref="DefaultDuration"/>), or returns
    /// null when anyone, this process included, has an unexpired claim (or won a race for it). Dispose the lease to release it.
    /// </summary>
    public async Task<Lease?> TryAcquireAsync(string name, TimeSpan? duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var span = duration ?? DefaultDuration;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        var row = RowOf(name);

        // Within this process (the run rescan, a run started over HTTP, a test driving the server) the claim is taken
        // here first: a second caller is refused without asking the store. Then this process's own record in the store is
        // a leftover (a release that failed), taken over like an expired one, not a claim that locks the process out.
        if (!_held.TryAdd(row, 0))
        {
            return null;
        }

        Lease? acquired = null;
        try
        {
            acquired = await ClaimAsync(name, row, span, cancellationToken).ConfigureAwait(false);
            return acquired;
        }
        finally
        {
            if (acquired is null)
            {
                _held.TryRemove(row, out _);
            }
        }
    }

    private async Task<Lease?> ClaimAsync(string name, string row, TimeSpan span, CancellationToken cancellationToken)
    {
        var current = await records.GetJsonAsync<LeaseRecord>(RecordTables.Leases, Partition, row, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (current is not null && current.Value.ExpiresAt > now && current.Value.Holder != Holder && !IsDeadLocalHolder(current.Value.Holder))
        {
            return null;
        }

        var lease = new LeaseRecord(name, Holder, now, now + span);
        var record = RecordOf(row, lease);
        try
        {
            var etag = current is null
                ? await records.InsertAsync(RecordTables.Leases, record, cancellationToken).ConfigureAwait(false)
                : await records.ReplaceAsync(RecordTables.Leases, record, current.ETag, cancellationToken).ConfigureAwait(false);
            return new Lease(records, time, row, lease, etag, span, () => _held.TryRemove(row, out _));
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>The current claim on <paramref name="name"/>, expired or not, or null.</summary>
    public async Task<LeaseRecord?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await records.GetJsonAsync<LeaseRecord>(RecordTables.Leases, Partition, RowOf(name), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>The record of a lease: partition and row key.</summary>
    internal static Record RecordOf(string row, LeaseRecord lease) => RecordStoreExtensions.ToRecord(Partition, row, lease);

    /// <summary>Deletes the lease record <paramref name="row"/> while it still has <paramref name="etag"/>; false when it changed or is gone.</summary>
    internal static Task<bool> TryReleaseAsync(IRecordStore records, string row, string etag, CancellationToken cancellationToken) =>
        records.TryDeleteAsync(RecordTables.Leases, Partition, row, etag, cancellationToken);

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

    // A fixed-length hash: any name (an upload key may hold '/', '#' or '?') becomes a valid row key.
    private static string RowOf(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];
}
