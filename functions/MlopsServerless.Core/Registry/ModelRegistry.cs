using System.Globalization;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using static MlopsServerless.Core.Registry.RegistryRecords;

namespace MlopsServerless.Core.Registry;

/// <summary>
/// The model registry: records in the record store (table <c>models</c>, one partition per model: a head row, one row
/// per version, one row per audit entry), the version files (model.json, card.json, ...) in the object store under
/// <c>models/{name}/{version}/</c>. Every change replaces the head If-Match in the same atomic batch as the rows it
/// changes and the audit entries that record it, and is retried on Conflict, so two concurrent registrations get
/// versions N and N+1, at most one version is in Production, and a change is never without its audit entry (or the
/// other way round). Data directories of earlier versions (<c>registry.json</c>, <c>audit.jsonl</c>) are imported once.
/// </summary>
public sealed partial class ModelRegistry(IObjectStore store, IRecordStore records, RecordImports imports, TimeProvider time, ILogger<ModelRegistry> logger)
{
    /// <summary>Attempts of one read-modify-write before giving up with Conflict.</summary>
    public const int MaxAttempts = 60;

    /// <summary>Most entries one <see cref="AuditPageAsync"/> call returns.</summary>
    public const int MaxAuditPageSize = 500;

    /// <summary>The model's versions, aliases and Production history, or null when no version was ever registered.</summary>
    /// <remarks>Reads every version: for list and show. To pick one version use <see cref="GetHeadAsync"/> and <see cref="FindVersionAsync"/>.</remarks>
    public async Task<RegisteredModel?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(name);
        for (var attempt = 1; ; attempt++)
        {
            var head = await ReadHeadAsync(partition, cancellationToken).ConfigureAwait(false);
            if (head is null || head.Value.LatestVersion == 0)
            {
                return null;
            }

            var versions = new List<ModelVersion>();
            await foreach (var record in records.QueryAllAsync(Table, Versions(partition), cancellationToken).ConfigureAwait(false))
            {
                versions.Add(record.Read<ModelVersion>(Table));
            }

            // Head and versions are two reads: only a head unchanged across both makes them one consistent picture
            // (short of a model changing faster than it can be read, when the newest reads are the answer).
            if (attempt == MaxAttempts || (await records.GetAsync(Table, partition, HeadRow, cancellationToken).ConfigureAwait(false))?.ETag == head.ETag)
            {
                return new RegisteredModel(head.Value.Name, versions, head.Value.Aliases, head.Value.ProductionHistory);
            }
        }
    }

    /// <summary>The model's versions, aliases and Production history.</summary>
    /// <exception cref="MlopsException">NotFound when the model has no versions.</exception>
    public async Task<RegisteredModel> GetRequiredAsync(string name, CancellationToken cancellationToken) =>
        await GetAsync(name, cancellationToken).ConfigureAwait(false) ?? throw NoModel(name);

    /// <summary>
    /// The model's head (Production version, aliases, latest version number) in one read, whatever its history, or null
    /// when no version was ever registered.
    /// </summary>
    public async Task<ModelHead?> GetHeadAsync(string name, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var head = await ReadHeadAsync(Partition(name), cancellationToken).ConfigureAwait(false);
        return head is { Value.LatestVersion: > 0 } ? head.Value.ToHead() : null;
    }

    /// <summary>The model's head in one read.</summary>
    /// <exception cref="MlopsException">NotFound when the model has no versions.</exception>
    public async Task<ModelHead> GetRequiredHeadAsync(string name, CancellationToken cancellationToken) =>
        await GetHeadAsync(name, cancellationToken).ConfigureAwait(false) ?? throw NoModel(name);

    /// <summary>Version <paramref name="version"/> of the model in one read, or null when there is no such version.</summary>
    public async Task<ModelVersion?> FindVersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(name);
        return version < 1 ? null : (await records.GetJsonAsync<ModelVersion>(Table, partition, VersionRow(version), cancellationToken).ConfigureAwait(false))?.Value;
    }

    /// <summary>The version in Production (a head read and a version read), or null when none is or the model has no versions.</summary>
    public async Task<ModelVersion?> FindProductionAsync(string name, CancellationToken cancellationToken) =>
        (await GetHeadAsync(name, cancellationToken).ConfigureAwait(false))?.ProductionVersion is { } production
            ? await FindVersionAsync(name, production, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Every registered model's head, by name: what a sweep or a count needs, without reading any model's versions.</summary>
    public async Task<IReadOnlyList<ModelHead>> ListHeadsAsync(CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var heads = new List<ModelHead>();
        await foreach (var listing in records.QueryAllAsync(Table, new RecordQuery(ListPartition), cancellationToken).ConfigureAwait(false))
        {
            if (await GetHeadAsync(listing.RowKey, cancellationToken).ConfigureAwait(false) is { } head)
            {
                heads.Add(head);
            }
        }

        return heads;
    }

    /// <summary>Every registered model, by name.</summary>
    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var models = new List<RegisteredModel>();
        await foreach (var listing in records.QueryAllAsync(Table, new RecordQuery(ListPartition), cancellationToken).ConfigureAwait(false))
        {
            if (await GetAsync(listing.RowKey, cancellationToken).ConfigureAwait(false) is { } model)
            {
                models.Add(model);
            }
        }

        return models;
    }

    /// <summary>
    /// Registers a new version (stage None): reserves its number, writes its files, then its version record, so a version
    /// never exists without its files. Idempotent by <see cref="ModelVersionDraft.RunId"/>: a run registered before gets
    /// its existing version back (or the number it reserved before a crash), and its files are written again.
    /// </summary>
    public async Task<ModelVersion> RegisterAsync(string name, ModelVersionDraft draft, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(name);
        var (number, existing) = await ReserveAsync(partition, draft.RunId, cancellationToken).ConfigureAwait(false);
        foreach (var (file, content) in draft.Files)
        {
            await store.PutAsync(StorageLayout.ModelVersionFile(name, number, file), content, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        }

        return existing ?? await CommitVersionAsync(partition, number, draft, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves a version to <paramref name="stage"/>. Promoting to Production archives the previous Production version in
    /// the same transaction. Setting the stage a version already has changes nothing and writes no audit entry.
    /// </summary>
    /// <returns>The change, with the version that left Production (if any).</returns>
    /// <exception cref="MlopsException">NotFound for an unknown model or version; InvalidArgument for an empty reason.</exception>
    public async Task<StageChange> SetStageAsync(string name, int version, Stage stage, string actor, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw MlopsException.InvalidArgument("A stage change needs a reason; it is kept in the audit log.");
        }

        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(name);
        for (var attempt = 1; ; attempt++)
        {
            var head = await RequireHeadAsync(partition, cancellationToken).ConfigureAwait(false);
            var (current, currentETag) = await RequireVersionAsync(partition, version, cancellationToken).ConfigureAwait(false);
            if (current.Stage == stage)
            {
                return new StageChange(name, version, stage, stage, null, Changed: false);
            }

            var now = time.GetUtcNow();
            var operations = new List<RecordOperation> { RecordOperation.Replace(Version(partition, current with { Stage = stage, StageChangedAt = now }), currentETag) };
            var entries = new List<AuditEntry> { new(now, actor, "stage", version, current.Stage.ToString(), stage.ToString(), reason) };
            var replaced = stage == Stage.Production && head.Value.ProductionVersion != version ? head.Value.ProductionVersion : null;
            if (replaced is { } previous)
            {
                var (old, oldETag) = await RequireVersionAsync(partition, previous, cancellationToken).ConfigureAwait(false);
                operations.Add(RecordOperation.Replace(Version(partition, old with { Stage = Stage.Archived, StageChangedAt = now }), oldETag));
                entries.Add(new AuditEntry(now, actor, "stage", previous, nameof(Stage.Production), nameof(Stage.Archived), $"replaced by version {version}: {reason}"));
            }

            var next = head.Value with
            {
                ProductionVersion = stage == Stage.Production ? version : head.Value.ProductionVersion == version ? null : head.Value.ProductionVersion,
                ProductionHistory = stage == Stage.Production ? [.. head.Value.ProductionHistory, version] : head.Value.ProductionHistory,
            };
            if (await TryCommitAsync(partition, head, next, operations, entries, attempt, cancellationToken).ConfigureAwait(false))
            {
                Log.StageChanged(logger, name, version, stage.ToString(), actor);
                return new StageChange(name, version, current.Stage, stage, replaced, Changed: true);
            }
        }
    }

    /// <summary>Puts the version that was in Production before the current one back into Production.</summary>
    /// <exception cref="MlopsException">FailedPrecondition when there is no earlier Production version to return to.</exception>
    public async Task<StageChange> RollbackAsync(string name, string actor, string reason, CancellationToken cancellationToken)
    {
        var head = await GetRequiredHeadAsync(name, cancellationToken).ConfigureAwait(false);
        var target = head.ProductionHistory.Reverse().FirstOrDefault(v => v != head.ProductionVersion);
        if (target == 0)
        {
            throw MlopsException.FailedPrecondition($"Model '{name}' has no earlier Production version to roll back to.");
        }

        return await SetStageAsync(name, target, Stage.Production, actor, $"rollback: {reason}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Points alias <paramref name="alias"/> (for example "champion") at a version; an alias names one version at a time.</summary>
    /// <exception cref="MlopsException">InvalidArgument for an alias that is not a valid name; NotFound for an unknown model or version.</exception>
    public async Task SetAliasAsync(string name, string alias, int version, string actor, string reason, CancellationToken cancellationToken)
    {
        ObjectKey.Name(alias, "Alias");
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(name);
        for (var attempt = 1; ; attempt++)
        {
            var head = await RequireHeadAsync(partition, cancellationToken).ConfigureAwait(false);
            await RequireVersionAsync(partition, version, cancellationToken).ConfigureAwait(false);
            var aliases = new SortedDictionary<string, int>(head.Value.Aliases.ToDictionary(), StringComparer.Ordinal);
            var before = aliases.TryGetValue(alias, out var old) ? old.ToString(CultureInfo.InvariantCulture) : null;
            aliases[alias] = version;
            var entry = new AuditEntry(time.GetUtcNow(), actor, "alias:" + alias, version, before, version.ToString(CultureInfo.InvariantCulture), reason);
            if (await TryCommitAsync(partition, head, head.Value with { Aliases = aliases }, [], [entry], attempt, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>The whole audit log of <paramref name="name"/>, oldest first (empty for an unknown model).</summary>
    /// <remarks>Reads every entry; <see cref="AuditPageAsync"/> reads one page.</remarks>
    public async Task<IReadOnlyList<AuditEntry>> AuditLogAsync(string name, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        await foreach (var record in records.QueryAllAsync(Table, AuditEntries(Partition(name)), cancellationToken).ConfigureAwait(false))
        {
            entries.Add(record.Read<AuditEntry>(Table));
        }

        entries.Reverse();
        return entries;
    }

    /// <summary>
    /// One page of the audit log, newest first: <paramref name="pageSize"/> entries from where <paramref name="pageToken"/>
    /// (the <see cref="AuditPage.NextPageToken"/> of the previous page; null for the first) points, read as one range
    /// query whatever the length of the log. Entries added meanwhile do not shift later pages.
    /// </summary>
    /// <exception cref="MlopsException">NotFound for an unknown model; InvalidArgument for a page size outside
    /// 1-<see cref="MaxAuditPageSize"/> or a token this method did not give out.</exception>
    public async Task<AuditPage> AuditPageAsync(string name, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > MaxAuditPageSize)
        {
            throw MlopsException.InvalidArgument($"pageSize must be between 1 and {MaxAuditPageSize}; got {pageSize}.");
        }

        long? from = null;
        if (pageToken is not null)
        {
            from = long.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
                ? sequence
                : throw MlopsException.InvalidArgument("pageToken is not one this API gave out; start again without it.");
        }

        var partition = Partition(name);
        await GetRequiredHeadAsync(name, cancellationToken).ConfigureAwait(false);
        var query = AuditEntries(partition);
        if (from is { } start)
        {
            query = query with { RowKeyFrom = AuditRow(start) };
        }

        // One more than the page: the extra entry, if any, is where the next page starts.
        var page = await records.QueryPageAsync(Table, query, pageSize + 1, cancellationToken).ConfigureAwait(false);
        var entries = page.Records.Take(pageSize).Select(r => r.Read<AuditEntry>(Table)).ToList();
        var next = page.Records.Count > pageSize ? AuditSequence(page.Records[pageSize].RowKey).ToString(CultureInfo.InvariantCulture) : null;
        return new AuditPage(entries, next);
    }

    /// <summary>Reads and parses one of a version's files, or null when absent.</summary>
    /// <exception cref="MlopsException">FailedPrecondition naming the file when <paramref name="parse"/> finds it damaged.</exception>
    public Task<T?> ReadFileAsync<T>(string name, int version, string file, Func<ReadOnlyMemory<byte>, T> parse, CancellationToken cancellationToken)
        where T : class =>
        store.ReadStoredAsync(StorageLayout.ModelVersionFile(name, version, file), parse, cancellationToken);

    /// <summary>Reads one of a version's files (model.json, card.json, ...), or null when absent.</summary>
    public async Task<ReadOnlyMemory<byte>?> ReadFileAsync(string name, int version, string file, CancellationToken cancellationToken) =>
        (await store.GetAsync(StorageLayout.ModelVersionFile(name, version, file), cancellationToken).ConfigureAwait(false))?.Content;

    /// <summary>A version's model (<c>model.json</c> with the files it is stored with, such as <c>model.zip</c>), loaded; null when its model.json is absent.</summary>
    /// <exception cref="MlopsException">InvalidArgument when model.json is damaged; FailedPrecondition naming the key when a
    /// file it is stored with is missing, replaced or unreadable.</exception>
    public async Task<Training.TrainedModel?> LoadModelAsync(string name, int version, CancellationToken cancellationToken)
    {
        var key = StorageLayout.ModelVersionFile(name, version, ModelFiles.Model);
        var json = await ReadFileAsync(name, version, ModelFiles.Model, cancellationToken).ConfigureAwait(false);
        return json is null
            ? null
            : await Training.ModelFormat.ReadAsync(json.Value, key, async (k, ct) => (await store.GetAsync(k, ct).ConfigureAwait(false))?.Content, cancellationToken).ConfigureAwait(false);
    }

    private static MlopsException NoModel(string name) =>
        MlopsException.NotFound($"There is no model '{name}'. Train one first (mlops run FILE) or list models with GET /api/models.");

    private Task ReadyAsync(CancellationToken cancellationToken) => imports.EnsureAsync(ImportName, ImportAsync, cancellationToken);

    private Task<Versioned<ModelHeadDocument>?> ReadHeadAsync(string partition, CancellationToken cancellationToken) =>
        records.GetJsonAsync<ModelHeadDocument>(Table, partition, HeadRow, cancellationToken);

    private async Task<Versioned<ModelHeadDocument>> RequireHeadAsync(string partition, CancellationToken cancellationToken) =>
        await ReadHeadAsync(partition, cancellationToken).ConfigureAwait(false) is { Value.LatestVersion: > 0 } head ? head : throw NoModel(partition);

    private async Task<(ModelVersion Version, string ETag)> RequireVersionAsync(string partition, int version, CancellationToken cancellationToken) =>
        version > 0 && await records.GetJsonAsync<ModelVersion>(Table, partition, VersionRow(version), cancellationToken).ConfigureAwait(false) is { } found
            ? (found.Value, found.ETag)
            : throw MlopsException.NotFound($"Model '{partition}' has no version {version}.");

    /// <summary>
    /// Writes <paramref name="operations"/>, the head as <paramref name="next"/> (If-Match the head read) and one audit row
    /// per entry, numbered on from the head's counter, as one batch. False on Conflict while attempts remain (after a short
    /// jittered pause), so the caller reads again and retries.
    /// </summary>
    private async Task<bool> TryCommitAsync(
        string partition, Versioned<ModelHeadDocument> head, ModelHeadDocument next, IReadOnlyList<RecordOperation> operations, IReadOnlyList<AuditEntry> entries,
        int attempt, CancellationToken cancellationToken)
    {
        var sequence = head.Value.AuditSequence;
        var batch = new List<RecordOperation>(operations) { RecordOperation.Replace(Head(partition, next with { AuditSequence = sequence + entries.Count }), head.ETag) };
        batch.AddRange(entries.Select((entry, i) => RecordOperation.Insert(Audit(partition, sequence + 1 + i, entry))));
        try
        {
            await records.ExecuteAsync(Table, batch, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict && attempt < MaxAttempts)
        {
            await BackOffAsync(partition, attempt, cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>A short jittered pause before retrying a write that lost a race, longer with every attempt.</summary>
    private async Task BackOffAsync(string partition, int attempt, CancellationToken cancellationToken)
    {
        Log.RegistryRetry(logger, partition, attempt);
        // Real time on purpose: the pause only spreads contending writers apart; no time window depends on it.
        await Task.Delay(Random.Shared.Next(1, Math.Min(10 * attempt, 200)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The number <paramref name="runId"/> registers as: its existing version (returned too), the number it reserved
    /// before, or a new reservation in the head.
    /// </summary>
    private async Task<(int Number, ModelVersion? Existing)> ReserveAsync(string partition, string runId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Head first, then the lookup: a registration of the same run committed after this head read changes the head, so the write below conflicts.
            var head = await ReadHeadAsync(partition, cancellationToken).ConfigureAwait(false);
            if (await FindByRunAsync(partition, runId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return (existing.Version, existing);
            }

            var current = head?.Value ?? ModelHeadDocument.Empty(partition);
            if (current.Registering.TryGetValue(runId, out var reserved))
            {
                return (reserved, null);
            }

            var number = current.NextVersion;
            var next = current with { NextVersion = number + 1, Registering = new Dictionary<string, int>(current.Registering) { [runId] = number } };
            try
            {
                if (head is null)
                {
                    await EnsureListedAsync(partition, cancellationToken).ConfigureAwait(false);
                    await records.InsertAsync(Table, Head(partition, next), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await records.ReplaceAsync(Table, Head(partition, next), head.ETag, cancellationToken).ConfigureAwait(false);
                }

                return (number, null);
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict && attempt < MaxAttempts)
            {
                await BackOffAsync(partition, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes the version record of a reserved number (its files are written) and clears the reservation, in one batch.</summary>
    private async Task<ModelVersion> CommitVersionAsync(string partition, int number, ModelVersionDraft draft, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await RequireReservationAsync(partition, cancellationToken).ConfigureAwait(false);
            if (!head.Value.Registering.TryGetValue(draft.RunId, out var reserved) || reserved != number)
            {
                // The same run, registering at the same time, finished first.
                return await FindByRunAsync(partition, draft.RunId, cancellationToken).ConfigureAwait(false)
                    ?? throw MlopsException.Conflict($"The registration of run '{draft.RunId}' as model '{partition}' version {number} was taken over; register the run again.");
            }

            var now = time.GetUtcNow();
            var version = new ModelVersion(number, draft.RunId, draft.Dataset, draft.DatasetVersion, draft.Algorithm, Stage.None, draft.Metrics, now, now);
            var registering = head.Value.Registering.Where(r => r.Key != draft.RunId).ToDictionary();
            var next = head.Value with { LatestVersion = Math.Max(head.Value.LatestVersion, number), Registering = registering };
            try
            {
                await records.ExecuteAsync(Table, [RecordOperation.Replace(Head(partition, next), head.ETag), RecordOperation.Insert(Version(partition, version))], cancellationToken)
                    .ConfigureAwait(false);
                Log.ModelRegistered(logger, partition, number, draft.RunId);
                return version;
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict && attempt < MaxAttempts)
            {
                await BackOffAsync(partition, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Versioned<ModelHeadDocument>> RequireReservationAsync(string partition, CancellationToken cancellationToken) =>
        await ReadHeadAsync(partition, cancellationToken).ConfigureAwait(false)
        ?? throw MlopsException.FailedPrecondition($"The head record of model '{partition}' is gone while a version was being registered; restore table '{Table}' from a backup.");

    private async Task<ModelVersion?> FindByRunAsync(string partition, string runId, CancellationToken cancellationToken)
    {
        var query = Versions(partition) with { Filters = new Dictionary<string, string> { [RunIdProperty] = runId } };
        var page = await records.QueryPageAsync(Table, query, 1, cancellationToken).ConfigureAwait(false);
        return page.Records.Count == 0 ? null : page.Records[0].Read<ModelVersion>(Table);
    }

    /// <summary>Adds the model to partition <c>_models</c> unless it is there (before its first registration, so listing finds it).</summary>
    private async Task EnsureListedAsync(string partition, CancellationToken cancellationToken)
    {
        if (await records.GetAsync(Table, ListPartition, partition, cancellationToken).ConfigureAwait(false) is null)
        {
            try
            {
                await records.InsertAsync(Table, Listing(partition, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
            {
                // Listed by a concurrent first registration: what this wanted.
            }
        }
    }
}
