using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Ingestion;

/// <summary>Reads the quarantine: the rejected uploads of a dataset, each with its report (<c>quarantine/{dataset}/{id}/</c>).</summary>
public sealed class QuarantineEntries(IObjectStore store)
{
    /// <summary>The reports of <paramref name="dataset"/>'s rejected uploads (a stored name), newest first.</summary>
    public async Task<IReadOnlyList<QuarantineReport>> ListAsync(string dataset, CancellationToken cancellationToken)
    {
        var reports = new List<QuarantineReport>();
        foreach (var item in await store.ListAllAsync(StorageLayout.QuarantinePrefix(dataset), cancellationToken).ConfigureAwait(false))
        {
            if (item.Key.EndsWith("/report.json", StringComparison.Ordinal)
                && await store.ReadJsonAsync<QuarantineReport>(item.Key, cancellationToken).ConfigureAwait(false) is { } report)
            {
                reports.Add(report.Value);
            }
        }

        return reports.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The stored names of every dataset with at least one rejected upload.</summary>
    public async Task<IReadOnlyList<string>> DatasetsAsync(CancellationToken cancellationToken) =>
        (await store.ListAllAsync("quarantine/", cancellationToken).ConfigureAwait(false))
            .Where(i => i.Key.EndsWith("/report.json", StringComparison.Ordinal))
            .Select(i => i.Key.Split('/')[1])
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
