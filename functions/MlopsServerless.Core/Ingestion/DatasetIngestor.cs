using Microsoft.Extensions.Logging;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// Turns an upload under <c>incoming/</c> into an immutable dataset version, or into a quarantine entry with a report
/// that says what to fix. The upload is read once (<see cref="UploadPass"/>) and its outcome committed by a store-side
/// move. The upload is removed only after its outcome is stored, and only while it is byte-identical to what was read
/// (same ETag): a file that changed meanwhile is left for a later pass. A crash at any point leaves the upload or its
/// outcome (usually both), never neither. The outcome is indexed (<see cref="DatasetIndex"/>) after its bytes are stored
/// and before the upload is removed, idempotently: processing the upload again repairs an entry a crash left out.
/// </summary>
public sealed class DatasetIngestor(IObjectStore store, DatasetIndex index, IEventPublisher events, TimeProvider time, ILogger<DatasetIngestor> logger)
{
    private readonly DatasetContracts _contracts = new(store);

    /// <summary>Ingests the upload at <paramref name="uploadKey"/> (see <see cref="UploadName"/> for the key shapes).</summary>
    /// <param name="uploadKey">The upload's key.</param>
    /// <param name="label">The label column, for a dataset that has no contract yet (it becomes the contract once an upload is accepted); null keeps the contract's (default "label").</param>
    /// <param name="cancellationToken">Cancels the work; nothing half-written is left visible.</param>
    /// <returns>A version, a quarantine report, or <see cref="IngestionOutcome.Deferred"/> when the file changed while it was read.</returns>
    /// <exception cref="MlopsException">NotFound when there is no such upload; InvalidArgument for a key outside incoming/;
    /// FailedPrecondition when <paramref name="label"/> contradicts the dataset's contract.</exception>
    public async Task<IngestionOutcome> IngestAsync(string uploadKey, string? label, CancellationToken cancellationToken)
    {
        var upload = UploadName.Parse(uploadKey);
        var (contract, unstored) = await ContractAsync(upload, label, cancellationToken).ConfigureAwait(false);
        var before = await store.GetInfoAsync(uploadKey, cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.NotFound($"There is no upload '{uploadKey}'.");
        var staging = StorageLayout.Staging(Guid.NewGuid().ToString("N"));
        try
        {
            var pass = await UploadPass.ReadAsync(store, uploadKey, staging, cancellationToken).ConfigureAwait(false);
            var after = await store.GetInfoAsync(uploadKey, cancellationToken).ConfigureAwait(false);
            if (after is null || after.ETag != before.ETag || pass.SizeBytes != before.Length)
            {
                Log.UploadChanged(logger, uploadKey);
                return IngestionOutcome.Left($"'{uploadKey}' changed while it was read (still being written?); it is left for a later pass.");
            }

            var problems = pass.Error is { } e
                ? [new IngestionProblem(e.Code, e.Line, null, e.Message)]
                : UploadValidator.Validate(pass.Profile!, contract, upload.GivenDataset);
            if (problems.Count > 0)
            {
                return await QuarantineAsync(upload, before.ETag, pass, problems, cancellationToken).ConfigureAwait(false);
            }

            // The label becomes the dataset's contract only with an accepted upload: a mistyped label on a rejected first
            // upload must not lock the dataset to that label.
            if (unstored)
            {
                contract = await _contracts.CreateAsync(upload.Dataset, contract, cancellationToken).ConfigureAwait(false);
            }

            return await VersionAsync(upload, before.ETag, contract, pass, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Gone already when it was committed; otherwise (rejected by a race, changed, failed) it is scratch.
            await store.DeleteAsync(staging, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<IngestionOutcome> VersionAsync(UploadName upload, string uploadETag, DatasetContract contract, UploadPass pass, CancellationToken cancellationToken)
    {
        var profile = pass.Profile!;
        var dataset = upload.Dataset;
        var version = DatasetVersions.IdOf(pass.Sha256);
        var manifestKey = StorageLayout.DatasetManifest(dataset, version);
        var existing = await store.ReadJsonAsync<DatasetManifest>(manifestKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            Log.DatasetReused(logger, upload.Key, dataset, version);
            await index.AddVersionAsync(existing.Value, cancellationToken).ConfigureAwait(false);
            if (existing.Value.Source == upload.Key)
            {
                // The upload that made this version is back, so an earlier attempt stopped after the manifest and
                // maybe before its event went out: publish it again (same id; delivery is at least once).
                await events.PublishAsync(DomainEvents.DatasetVersioned(existing.Value), cancellationToken).ConfigureAwait(false);
            }

            await RemoveUploadAsync(upload.Key, uploadETag, cancellationToken).ConfigureAwait(false);
            return IngestionOutcome.Versioned(existing.Value, reused: true);
        }

        // data.csv first, manifest last: the manifest is the commit marker, so a version never has a manifest without data.
        try
        {
            await store.MoveAsync(pass.StagingKey, StorageLayout.DatasetData(dataset, version), WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            // A crashed earlier attempt moved the same content-addressed bytes there; moves are atomic, so they are whole.
        }

        var manifest = new DatasetManifest(dataset, version, pass.Sha256, upload.Key, profile.SizeBytes, profile.RowCount, contract.Label, profile.Columns, time.GetUtcNow())
        {
            DatasetName = upload.GivenDataset == dataset ? null : upload.GivenDataset,
        };
        try
        {
            await store.WriteJsonAsync(manifestKey, manifest, WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            var winner = await store.ReadJsonAsync<DatasetManifest>(manifestKey, cancellationToken).ConfigureAwait(false);
            await index.AddVersionAsync(winner!.Value, cancellationToken).ConfigureAwait(false);
            await RemoveUploadAsync(upload.Key, uploadETag, cancellationToken).ConfigureAwait(false);
            return IngestionOutcome.Versioned(winner!.Value, reused: true);
        }

        await index.AddVersionAsync(manifest, cancellationToken).ConfigureAwait(false);
        Log.DatasetVersioned(logger, dataset, version, upload.Key, profile.RowCount);
        await events.PublishAsync(DomainEvents.DatasetVersioned(manifest), cancellationToken).ConfigureAwait(false);
        await RemoveUploadAsync(upload.Key, uploadETag, cancellationToken).ConfigureAwait(false);
        return IngestionOutcome.Versioned(manifest, reused: false);
    }

    private async Task<IngestionOutcome> QuarantineAsync(
        UploadName upload, string uploadETag, UploadPass pass, IReadOnlyList<IngestionProblem> problems, CancellationToken cancellationToken)
    {
        // The id is the content address, so the same bad bytes uploaded twice share one quarantine entry.
        var id = DatasetVersions.IdOf(pass.Sha256);
        var copyKey = StorageLayout.Quarantine(upload.Dataset, id, upload.FileName[(upload.FileName.LastIndexOf('/') + 1)..]);
        await store.MoveAsync(pass.StagingKey, copyKey, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        var report = new QuarantineReport(upload.Dataset, id, upload.Key, copyKey, time.GetUtcNow(), problems)
        {
            DatasetName = upload.GivenDataset,
            FileName = ReportText.Bound(upload.FileName, ReportText.MaxName),
            SizeBytes = pass.SizeBytes,
            Sha256 = pass.Sha256,
        };
        var reportKey = StorageLayout.QuarantineReport(upload.Dataset, id);
        await store.WriteJsonAsync(reportKey, report, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        await index.AddQuarantinedAsync(upload.Dataset, id, report.ReceivedAt, reportKey, report, cancellationToken).ConfigureAwait(false);
        Log.UploadQuarantined(logger, upload.Key, id, problems[0].Code);
        await RemoveUploadAsync(upload.Key, uploadETag, cancellationToken).ConfigureAwait(false);
        return IngestionOutcome.Quarantined(report);
    }

    /// <summary>Removes the upload only while it still has the ETag it had when read: bytes written since are kept for a later pass.</summary>
    private async Task RemoveUploadAsync(string uploadKey, string etag, CancellationToken cancellationToken)
    {
        if (!await store.DeleteIfMatchAsync(uploadKey, etag, cancellationToken).ConfigureAwait(false))
        {
            Log.UploadChanged(logger, uploadKey);
        }
    }

    /// <summary>The dataset's contract, and whether it is a new one (from <paramref name="label"/>) not stored yet.</summary>
    private async Task<(DatasetContract Contract, bool Unstored)> ContractAsync(UploadName upload, string? label, CancellationToken cancellationToken)
    {
        if (await _contracts.GetAsync(upload.Dataset, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            if (label is not null && label != existing.Label)
            {
                throw MlopsException.FailedPrecondition(
                    $"Dataset '{upload.GivenDataset}' predicts '{existing.Label}', not '{label}'. Change its label with `mlops datasets contract \"{upload.GivenDataset}\" --label {label}` "
                    + $"(or PUT /api/datasets/{Uri.EscapeDataString(upload.GivenDataset)}/contract), or upload to a new dataset name.");
            }

            return (existing, false);
        }

        return label is null ? (new DatasetContract(), false) : (new DatasetContract(label), true);
    }
}
