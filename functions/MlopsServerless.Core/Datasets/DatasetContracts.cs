using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Datasets;

/// <summary>
/// Reads and sets a dataset's contract (<c>datasets/{dataset}/contract.json</c>): which column is the label and how many
/// rows an upload needs. Set it before dropping files into <c>incoming/{dataset}/</c> with
/// <c>mlops datasets contract NAME --label COL</c> or <c>PUT /api/datasets/{name}/contract</c>.
/// </summary>
public sealed class DatasetContracts(IObjectStore store)
{
    /// <summary>The stored contract of <paramref name="dataset"/> (a stored name), or null when it has none yet.</summary>
    public async Task<DatasetContract?> GetAsync(string dataset, CancellationToken cancellationToken) =>
        (await store.ReadJsonAsync<DatasetContract>(StorageLayout.DatasetContract(dataset), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>
    /// Sets the contract of <paramref name="dataset"/>. Later uploads are checked against it; versions already made keep
    /// the label their manifest records.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument for an empty or overlong label or fewer than 1 row.</exception>
    public async Task<DatasetContract> SetAsync(string dataset, DatasetContract contract, CancellationToken cancellationToken)
    {
        Validate(contract);
        await store.WriteJsonAsync(StorageLayout.DatasetContract(dataset), contract, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        return contract;
    }

    /// <summary>Writes <paramref name="contract"/> only when the dataset has none; returns the one that is stored (another writer may have won).</summary>
    public async Task<DatasetContract> CreateAsync(string dataset, DatasetContract contract, CancellationToken cancellationToken)
    {
        Validate(contract);
        try
        {
            await store.WriteJsonAsync(StorageLayout.DatasetContract(dataset), contract, WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
            return contract;
        }
        catch (MlopsException e) when (e.Code == ErrorCode.Conflict)
        {
            return await GetAsync(dataset, cancellationToken).ConfigureAwait(false) ?? contract;
        }
    }

    private static void Validate(DatasetContract contract)
    {
        if (string.IsNullOrWhiteSpace(contract.Label) || contract.Label.Length > 256 || contract.Label.Trim() != contract.Label)
        {
            throw MlopsException.InvalidArgument(
                "Give the label as the exact name of a column in the header (1-256 characters, no spaces at either end), for example {\"label\": \"churned\"}.");
        }

        if (contract.MinRows < 1)
        {
            throw MlopsException.InvalidArgument($"minRows must be at least 1 (got {contract.MinRows}).");
        }
    }
}
