using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Http.Datasets;

/// <summary>The dataset endpoints: datasets, their versions and manifests.</summary>
public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this RouteGroupBuilder api)
    {
        var datasets = api.MapGroup("/datasets").WithTags("Datasets");
        datasets.MapGet("/", ListDatasetsAsync);
        datasets.MapGet("/{name}/versions", ListVersionsAsync);
        datasets.MapGet("/{name}/versions/{version}", GetVersionAsync);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<DatasetOverview>>> ListDatasetsAsync(DatasetTables tables, CancellationToken cancellationToken)
    {
        var result = new List<DatasetOverview>();
        foreach (var name in await tables.DatasetsAsync(cancellationToken).ConfigureAwait(false))
        {
            var versions = await tables.VersionsAsync(name, cancellationToken).ConfigureAwait(false);
            var latest = versions[^1];
            result.Add(new DatasetOverview(name, versions.Count, latest.Version, latest.RowCount, latest.Label, latest.CreatedAt));
        }

        return TypedResults.Ok<IReadOnlyList<DatasetOverview>>(result);
    }

    public static async Task<Ok<IReadOnlyList<DatasetManifest>>> ListVersionsAsync(string name, DatasetTables tables, CancellationToken cancellationToken)
    {
        var versions = await tables.VersionsAsync(ObjectKey.Name(name, "Dataset"), cancellationToken).ConfigureAwait(false);
        return versions.Count > 0
            ? TypedResults.Ok(versions)
            : throw MlopsException.NotFound($"There is no dataset '{name}'. Upload a CSV to incoming/{name}/ to create it.");
    }

    public static async Task<Ok<DatasetManifest>> GetVersionAsync(string name, string version, DatasetTables tables, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tables.ManifestAsync(name, version, cancellationToken).ConfigureAwait(false));
}
