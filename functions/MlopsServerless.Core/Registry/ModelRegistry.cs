using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Registry;

/// <summary>
/// The model registry over the object store. Each model's <c>registry.json</c> changes only through an ETag-guarded
/// read-modify-write that is retried on conflict, so two concurrent registrations get versions N and N+1 and no
/// stage change is lost. Stage and alias changes are appended to <c>audit.jsonl</c>.
/// </summary>
public sealed class ModelRegistry(IObjectStore store, TimeProvider time, ILogger<ModelRegistry> logger)
{
    /// <summary>Attempts of one read-modify-write before giving up with Conflict.</summary>
    public const int MaxAttempts = 25;

    /// <summary>The model's registry document, or null when no version was ever registered.</summary>
    public async Task<RegisteredModel?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await store.ReadJsonAsync<RegisteredModel>(StorageLayout.Registry(name), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>The model's registry document.</summary>
    /// <exception cref="MlopsException">NotFound when the model has no versions.</exception>
    public async Task<RegisteredModel> GetRequiredAsync(string name, CancellationToken cancellationToken) =>
        await GetAsync(name, cancellationToken).ConfigureAwait(false)
        ?? throw MlopsException.NotFound($"There is no model '{name}'. Train one first (mlops run FILE) or list models with GET /api/models.");

    /// <summary>Every registered model, by name.</summary>
    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken)
    {
        var models = new List<RegisteredModel>();
        foreach (var item in await store.ListAllAsync(StorageLayout.ModelsPrefix, cancellationToken).ConfigureAwait(false))
        {
            var parts = item.Key.Split('/');
            if (parts.Length == 3 && parts[2] == "registry.json" && await GetAsync(parts[1], cancellationToken).ConfigureAwait(false) is { } model)
            {
                models.Add(model);
            }
        }

        return models;
    }

    /// <summary>
    /// Registers a new version (stage None) and writes its files. Idempotent by <see cref="ModelVersionDraft.RunId"/>:
    /// a run registered before gets its existing version back, and any of its files a crash left unwritten are written.
    /// </summary>
    public async Task<ModelVersion> RegisterAsync(string name, ModelVersionDraft draft, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (version, created) = await UpdateAsync(name, model =>
        {
            var existing = model?.Versions.FirstOrDefault(v => v.RunId == draft.RunId);
            if (existing is not null)
            {
                return (null, (existing, false));
            }

            var number = (model?.Latest?.Version ?? 0) + 1;
            var added = new ModelVersion(number, draft.RunId, draft.Dataset, draft.DatasetVersion, draft.Algorithm, Stage.None, draft.Metrics, now, now);
            var next = model is null
                ? new RegisteredModel(name, [added], new Dictionary<string, int>(), [])
                : model with { Versions = [.. model.Versions, added] };
            return (next, (added, true));
        }, cancellationToken).ConfigureAwait(false);

        foreach (var (file, content) in draft.Files)
        {
            await store.PutAsync(StorageLayout.ModelVersionFile(name, version.Version, file), content, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        }

        if (created)
        {
            Log.ModelRegistered(logger, name, version.Version, draft.RunId);
        }

        return version;
    }

    /// <summary>
    /// Moves a version to <paramref name="stage"/>. Promoting to Production archives the previous Production version.
    /// Setting the stage a version already has changes nothing and writes no audit entry.
    /// </summary>
    /// <returns>The change, with the version that left Production (if any).</returns>
    /// <exception cref="MlopsException">NotFound for an unknown model or version; InvalidArgument for an empty reason.</exception>
    public async Task<StageChange> SetStageAsync(string name, int version, Stage stage, string actor, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw MlopsException.InvalidArgument("A stage change needs a reason; it is kept in the audit log.");
        }

        var now = time.GetUtcNow();
        var change = await UpdateAsync(name, model =>
        {
            var current = Require(model, name).Find(version) ?? throw MlopsException.NotFound($"Model '{name}' has no version {version}.");
            if (current.Stage == stage)
            {
                return (null, new StageChange(name, version, stage, stage, null, Changed: false));
            }

            var previous = stage == Stage.Production ? model!.Production : null;
            var versions = model!.Versions.Select(v =>
                v.Version == version ? v with { Stage = stage, StageChangedAt = now }
                : previous is not null && v.Version == previous.Version ? v with { Stage = Stage.Archived, StageChangedAt = now }
                : v).ToList();
            var history = stage == Stage.Production ? [.. model.ProductionHistory, version] : model.ProductionHistory;
            return (model with { Versions = versions, ProductionHistory = history }, new StageChange(name, version, current.Stage, stage, previous?.Version, Changed: true));
        }, cancellationToken).ConfigureAwait(false);

        if (change.Changed)
        {
            await AuditAsync(name, new AuditEntry(now, actor, "stage", version, change.From.ToString(), change.To.ToString(), reason), cancellationToken).ConfigureAwait(false);
            if (change.ReplacedProduction is { } replaced)
            {
                await AuditAsync(name, new AuditEntry(now, actor, "stage", replaced, nameof(Stage.Production), nameof(Stage.Archived), $"replaced by version {version}: {reason}"), cancellationToken).ConfigureAwait(false);
            }

            Log.StageChanged(logger, name, version, stage.ToString(), actor);
        }

        return change;
    }

    /// <summary>Puts the version that was in Production before the current one back into Production.</summary>
    /// <exception cref="MlopsException">FailedPrecondition when there is no earlier Production version to return to.</exception>
    public async Task<StageChange> RollbackAsync(string name, string actor, string reason, CancellationToken cancellationToken)
    {
        var model = await GetRequiredAsync(name, cancellationToken).ConfigureAwait(false);
        var current = model.Production?.Version;
        var target = model.ProductionHistory.Reverse().FirstOrDefault(v => v != current && model.Find(v) is not null);
        if (target == 0)
        {
            throw MlopsException.FailedPrecondition($"Model '{name}' has no earlier Production version to roll back to.");
        }

        return await SetStageAsync(name, target, Stage.Production, actor, $"rollback: {reason}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Points alias <paramref name="alias"/> (for example "champion") at a version; an alias names one version at a time.</summary>
    public async Task SetAliasAsync(string name, string alias, int version, string actor, string reason, CancellationToken cancellationToken)
    {
        ObjectKey.Name(alias, "Alias");
        var before = await UpdateAsync(name, model =>
        {
            var found = Require(model, name).Find(version) ?? throw MlopsException.NotFound($"Model '{name}' has no version {version}.");
            var aliases = new SortedDictionary<string, int>(model!.Aliases.ToDictionary(), StringComparer.Ordinal);
            aliases.TryGetValue(alias, out var old);
            aliases[alias] = found.Version;
            return (model with { Aliases = aliases }, old);
        }, cancellationToken).ConfigureAwait(false);
        await AuditAsync(name, new AuditEntry(time.GetUtcNow(), actor, "alias:" + alias, version, before == 0 ? null : before.ToString(System.Globalization.CultureInfo.InvariantCulture), version.ToString(System.Globalization.CultureInfo.InvariantCulture), reason), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The audit log of <paramref name="name"/>, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditLogAsync(string name, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in store.ReadJsonLinesAsync<AuditEntry>(StorageLayout.Audit(name), cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        return entries;
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

    private async Task AuditAsync(string name, AuditEntry entry, CancellationToken cancellationToken)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(entry, MlopsJson.CompactOptions);
        byte[] line = [.. json, (byte)'\n'];
        await store.AppendAsync(StorageLayout.Audit(name), line, cancellationToken).ConfigureAwait(false);
    }

    private static RegisteredModel Require(RegisteredModel? model, string name) =>
        model ?? throw MlopsException.NotFound($"There is no model '{name}'.");

    /// <summary>ETag-guarded read-modify-write; <paramref name="change"/> returns null as the document to write nothing.</summary>
    private async Task<T> UpdateAsync<T>(string name, Func<RegisteredModel?, (RegisteredModel? Next, T Result)> change, CancellationToken cancellationToken)
    {
        var key = StorageLayout.Registry(name);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.ReadJsonAsync<RegisteredModel>(key, cancellationToken).ConfigureAwait(false);
            var (next, result) = change(current?.Value);
            if (next is null)
            {
                return result;
            }

            try
            {
                var condition = current is null ? WriteCondition.IfNotExists : WriteCondition.IfETagMatches(current.ETag);
                await store.WriteJsonAsync(key, next, condition, cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (MlopsException e) when (e.Code == ErrorCode.Conflict && attempt < MaxAttempts)
            {
                Log.RegistryRetry(logger, name, attempt);
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
