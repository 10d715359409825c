using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// Reads the quarantine: the rejected uploads of a dataset, each with its report, from the quarantine index (the report
/// and the kept bytes stay in <c>quarantine/{dataset}/{id}/</c>).
/// </summary>
public sealed class QuarantineEntries(DatasetIndex index)
{
    /// <summary>The reports of <paramref name="dataset"/>'s rejected uploads (a stored name), newest first.</summary>
    public Task<IReadOnlyList<QuarantineReport>> ListAsync(string dataset, CancellationToken cancellationToken) =>
        index.QuarantinedAsync<QuarantineReport>(dataset, cancellationToken);

    /// <summary>The stored names of every dataset with at least one rejected upload.</summary>
    public Task<IReadOnlyList<string>> DatasetsAsync(CancellationToken cancellationToken) => index.DatasetsWithQuarantineAsync(cancellationToken);
}
