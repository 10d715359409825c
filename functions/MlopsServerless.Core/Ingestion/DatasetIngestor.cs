using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// Turns an upload under <c>incoming/{dataset}/</c> into an immutable dataset version, or into a quarantine entry with
/// a report that says what to fix. The upload is removed only after its outcome is durably stored, so a crash at any
/// point leaves either the upload or its outcome (usually both), never neither.
/// </summary>
public sealed class DatasetIngestor(IObjectStore store, IEventPublisher events, TimeProvider time, ILogger<DatasetIngestor> logger)
{
    /// <summary>Ingests the upload at <paramref name="uploadKey"/> (<c>incoming/{dataset}/{file}</c>).</summary>
    /// <param name="uploadKey">The upload's key.</param>
    /// <param name="label">The label column, for a dataset that has no contract yet (it becomes the contract once an upload is accepted); null keeps the contract's (default "label").</param>
    /// <param name="cancellationToken">Cancels the work; nothing half-written is left visible.</param>
    /// <exception cref="MlopsException">NotFound when there is no such upload; InvalidArgument for a key outside incoming/;
    /// FailedPrecondition when <paramref name="label"/> contradicts the dataset's contract.</exception>
    public async Task<IngestionOutcome> IngestAsync(string uploadKey, string? label, CancellationToken cancellationToken)
    {
        var (dataset, file) = StorageLayout.ParseIncoming(uploadKey);
        var (contract, unstored) = await ContractAsync(dataset, label, cancellationToken).ConfigureAwait(false);
        CsvProfile profile;
        try
        {
            await using var content = await OpenUploadAsync(uploadKey, cancellationToken).ConfigureAwait(false);
            profile = await CsvProfiler.ProfileAsync(content, cancellationToken).ConfigureAwait(false);
        }
        catch (CsvFormatException e)
        {
            var problem = new IngestionProblem(e.Code, e.Line, null, e.Message);
            return await QuarantineAsync(uploadKey, dataset, file, await HashAsync(uploadKey, cancellationToken).ConfigureAwait(false), [problem], cancellationToken).ConfigureAwait(false);
        }

        var problems = UploadValidator.Validate(profile, contract);
        if (problems.Count > 0)
        {
            return await QuarantineAsync(uploadKey, dataset, file, profile.Sha256, problems, cancellationToken).ConfigureAwait(false);
        }

        // The label becomes the dataset's contract only with an accepted upload: a mistyped label on a rejected first
        // upload must not lock the dataset to that label.
        if (unstored)
        {
            contract = await StoreContractAsync(dataset, contract, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await VersionAsync(uploadKey, dataset, contract, profile, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(uploadKey, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task<IngestionOutcome> VersionAsync(string uploadKey, string dataset, DatasetContract contract, CsvProfile profile, CancellationToken cancellationToken)
    {
        var version = DatasetVersions.IdOf(profile.Sha256);
        var manifestKey = StorageLayout.DatasetManifest(dataset, version);
        var existing = await store.ReadJsonAsync<DatasetManifest>(manifestKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            Log.DatasetReused(logger, uploadKey, dataset, version);
            if (existing.Value.Source == uploadKey)
            {
                // The upload that made this version is back, so an earlier attempt stopped after the manifest and
                // maybe before its event went out: publish it again (same id; delivery is at least once).
                await events.PublishAsync(DomainEvents.DatasetVersioned(existing.Value), cancellationToken).ConfigureAwait(false);
            }

            return IngestionOutcome.Versioned(existing.Value, reused: true);
        }

        // data.csv first, manifest last: the manifest is the commit marker, so a version never has a manifest without data.
        try
        {
            await using var content = await OpenUploadAsync(uploadKey, cancellationToken).ConfigureAwait(false);
            await store.PutStreamAsync(StorageLayout.DatasetData(dataset, version), content, WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            // A crashed earlier attempt wrote the same content-addressed bytes; writes are atomic, so they are whole.
        }

        var manifest = new DatasetManifest(dataset, version, profile.Sha256, uploadKey, profile.SizeBytes, profile.RowCount, contract.Label, profile.Columns, time.GetUtcNow());
        try
        {
            await store.WriteJsonAsync(manifestKey, manifest, WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            var winner = await store.ReadJsonAsync<DatasetManifest>(manifestKey, cancellationToken).ConfigureAwait(false);
            return IngestionOutcome.Versioned(winner!.Value, reused: true);
        }

        Log.DatasetVersioned(logger, dataset, version, uploadKey, profile.RowCount);
        await events.PublishAsync(DomainEvents.DatasetVersioned(manifest), cancellationToken).ConfigureAwait(false);
        return IngestionOutcome.Versioned(manifest, reused: false);
    }

    private async Task<IngestionOutcome> QuarantineAsync(
        string uploadKey, string dataset, string file, string sha256, IReadOnlyList<IngestionProblem> problems, CancellationToken cancellationToken)
    {
        // The id is the content address, so the same bad bytes uploaded twice share one quarantine entry.
        var id = DatasetVersions.IdOf(sha256);
        var copyKey = StorageLayout.Quarantine(dataset, id, file);
        await using (var content = await OpenUploadAsync(uploadKey, cancellationToken).ConfigureAwait(false))
        {
            await store.PutStreamAsync(copyKey, content, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        }

        var report = new QuarantineReport(dataset, id, uploadKey, copyKey, time.GetUtcNow(), problems);
        await store.WriteJsonAsync(StorageLayout.QuarantineReport(dataset, id), report, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        Log.UploadQuarantined(logger, uploadKey, id, problems[0].Code);
        await store.DeleteAsync(uploadKey, cancellationToken).ConfigureAwait(false);
        return IngestionOutcome.Quarantined(report);
    }

    /// <summary>The dataset's contract, and whether it is a new one (from <paramref name="label"/>) not stored yet.</summary>
    private async Task<(DatasetContract Contract, bool Unstored)> ContractAsync(string dataset, string? label, CancellationToken cancellationToken)
    {
        var key = StorageLayout.DatasetContract(dataset);
        var existing = await store.ReadJsonAsync<DatasetContract>(key, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (label is not null && label != existing.Value.Label)
            {
                throw MlopsException.FailedPrecondition(
                    $"Dataset '{dataset}' predicts '{existing.Value.Label}', not '{label}'. Upload to a new dataset name, or edit {key}.");
            }

            return (existing.Value, false);
        }

        return label is null ? (new DatasetContract(), false) : (new DatasetContract(label), true);
    }

    /// <summary>Writes a contract the dataset does not have yet; returns the one that is stored (another upload may have won).</summary>
    private async Task<DatasetContract> StoreContractAsync(string dataset, DatasetContract contract, CancellationToken cancellationToken)
    {
        try
        {
            await store.WriteJsonAsync(StorageLayout.DatasetContract(dataset), contract, WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
            return contract;
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            return (await ContractAsync(dataset, contract.Label, cancellationToken).ConfigureAwait(false)).Contract;
        }
    }

    private async Task<Stream> OpenUploadAsync(string uploadKey, CancellationToken cancellationToken) =>
        await store.OpenReadAsync(uploadKey, cancellationToken).ConfigureAwait(false)
        ?? throw MlopsException.NotFound($"There is no upload '{uploadKey}'.");

    private async Task<string> HashAsync(string uploadKey, CancellationToken cancellationToken)
    {
        await using var content = await OpenUploadAsync(uploadKey, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));
    }
}
