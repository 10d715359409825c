using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Http.Datasets;

/// <summary>
/// The dataset endpoints: datasets, their versions and manifests, their rejected uploads, their contract, and uploads. A
/// <c>{name}</c> is the dataset as the user named its folder under incoming/ (URL-encoded) or its stored name.
/// </summary>
public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this RouteGroupBuilder api)
    {
        var datasets = api.MapGroup("/datasets").WithTags("Datasets");
        datasets.MapGet("/", ListDatasetsAsync);
        datasets.MapGet("/{name}/versions", ListVersionsAsync);
        datasets.MapGet("/{name}/versions/{version}", GetVersionAsync);
        datasets.MapGet("/{name}/quarantine", ListQuarantineAsync);
        datasets.MapGet("/{name}/contract", GetContractAsync);
        datasets.MapPut("/{name}/contract", SetContractAsync);
        datasets.MapPut("/{name}/uploads/{file}", UploadAsync);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<DatasetOverview>>> ListDatasetsAsync(DatasetTables tables, QuarantineEntries quarantine, CancellationToken cancellationToken)
    {
        var result = new List<DatasetOverview>();
        var names = (await tables.DatasetsAsync(cancellationToken).ConfigureAwait(false))
            .Union(await quarantine.DatasetsAsync(cancellationToken).ConfigureAwait(false)).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var versions = await tables.VersionsAsync(name, cancellationToken).ConfigureAwait(false);
            var rejected = await quarantine.ListAsync(name, cancellationToken).ConfigureAwait(false);
            var latest = versions.Count > 0 ? versions[^1] : null;
            var given = latest?.DatasetName ?? (rejected.Count > 0 ? rejected[0].DatasetName : null);
            result.Add(new DatasetOverview(name, versions.Count, latest?.Version, latest?.RowCount, latest?.Label, latest?.CreatedAt)
            {
                DisplayName = given == name ? null : given,
                Rejected = rejected.Count,
            });
        }

        return TypedResults.Ok<IReadOnlyList<DatasetOverview>>(result);
    }

    /// <summary>The dataset's versions, oldest first; an empty list when every upload so far was rejected.</summary>
    public static async Task<Ok<IReadOnlyList<DatasetManifest>>> ListVersionsAsync(
        string name, DatasetTables tables, QuarantineEntries quarantine, DatasetContracts contracts, CancellationToken cancellationToken)
    {
        var dataset = ObjectKey.SafeName(name);
        var versions = await tables.VersionsAsync(dataset, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            await RequireDatasetAsync(name, dataset, quarantine, contracts, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(versions);
    }

    public static async Task<Ok<DatasetManifest>> GetVersionAsync(string name, string version, DatasetTables tables, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tables.ManifestAsync(ObjectKey.SafeName(name), version, cancellationToken).ConfigureAwait(false));

    /// <summary>The dataset's rejected uploads with their reports, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<RejectedUpload>>> ListQuarantineAsync(
        string name, DatasetTables tables, QuarantineEntries quarantine, DatasetContracts contracts, CancellationToken cancellationToken)
    {
        var dataset = ObjectKey.SafeName(name);
        var reports = await quarantine.ListAsync(dataset, cancellationToken).ConfigureAwait(false);
        if (reports.Count == 0 && (await tables.VersionsAsync(dataset, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            await RequireDatasetAsync(name, dataset, quarantine, contracts, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok<IReadOnlyList<RejectedUpload>>(reports.Select(r => new RejectedUpload(
            r.Id, r.FileName, r.Source, r.QuarantinedFile, r.SizeBytes, r.Sha256, r.ReceivedAt,
            r.Problems.Select(p => new UploadProblem(p.Code, p.Line, p.Column, p.Message)).ToList())).ToList());
    }

    public static async Task<Ok<ContractResponse>> GetContractAsync(string name, DatasetContracts contracts, CancellationToken cancellationToken)
    {
        var dataset = ObjectKey.SafeName(name);
        var stored = await contracts.GetAsync(dataset, cancellationToken).ConfigureAwait(false);
        var contract = stored ?? new DatasetContract();
        return TypedResults.Ok(new ContractResponse(dataset, contract.Label, contract.MinRows, stored is null));
    }

    /// <summary>Sets which column uploads to the dataset must have as their label (and the fewest rows); later uploads are checked against it.</summary>
    public static async Task<Ok<ContractResponse>> SetContractAsync(string name, ContractRequest? request, DatasetContracts contracts, CancellationToken cancellationToken)
    {
        if (request is null || (request.Label is null && request.MinRows is null))
        {
            throw MlopsException.InvalidArgument("Send the contract as JSON, for example {\"label\": \"churned\"} or {\"label\": \"churned\", \"minRows\": 50}.");
        }

        var dataset = ObjectKey.SafeName(name);
        var current = await contracts.GetAsync(dataset, cancellationToken).ConfigureAwait(false) ?? new DatasetContract();
        var contract = await contracts.SetAsync(
            dataset, current with { Label = request.Label ?? current.Label, MinRows = request.MinRows ?? current.MinRows }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ContractResponse(dataset, contract.Label, contract.MinRows, false));
    }

    /// <summary>
    /// Uploads the request body as the file <c>incoming/{name}/{file}</c>, the safe way (<see cref="UploadDrop"/>): 202, and
    /// the watcher (locally) or the blob trigger (in Azure) makes it a version or a quarantine entry.
    /// </summary>
    public static async Task<Accepted<UploadAccepted>> UploadAsync(string name, string file, HttpRequest request, IObjectStore store, CancellationToken cancellationToken)
    {
        var key = await UploadDrop.DropAsync(store, name, file, request.Body, cancellationToken).ConfigureAwait(false);
        var url = $"{request.PathBase}/api/datasets/{Uri.EscapeDataString(name)}";
        return TypedResults.Accepted(url + "/versions", new UploadAccepted(key, UploadName.Parse(key).Dataset, url + "/versions", url + "/quarantine"));
    }

    private static async Task RequireDatasetAsync(string name, string dataset, QuarantineEntries quarantine, DatasetContracts contracts, CancellationToken cancellationToken)
    {
        if ((await quarantine.ListAsync(dataset, cancellationToken).ConfigureAwait(false)).Count == 0
            && await contracts.GetAsync(dataset, cancellationToken).ConfigureAwait(false) is null)
        {
            throw MlopsException.NotFound($"There is no dataset '{name}'. Upload a CSV to incoming/{name}/ to create it.");
        }
    }
}
