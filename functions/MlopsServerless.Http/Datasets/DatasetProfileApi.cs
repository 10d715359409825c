using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Http.Datasets;

/// <summary>A dataset version's column profile with histograms and level counts (the dashboard's Datasets page).</summary>
public static class DatasetProfileApi
{
    public static RouteGroupBuilder MapDatasetProfileApi(this RouteGroupBuilder api)
    {
        api.MapGet("/datasets/{name}/versions/{version}/profile", GetProfileAsync).WithTags("Datasets");
        return api;
    }

    public static async Task<Ok<DatasetProfileResponse>> GetProfileAsync(string name, string version, DatasetTables tables, CancellationToken cancellationToken)
    {
        var manifest = await tables.ManifestAsync(name, version, cancellationToken).ConfigureAwait(false);
        var table = await tables.TableAsync(manifest, cancellationToken).ConfigureAwait(false);
        var columns = manifest.Columns.Select(profile => ColumnDistributions.Of(profile, table[profile.Name])).ToList();
        return TypedResults.Ok(new DatasetProfileResponse(manifest.Dataset, manifest.Version, manifest.Sha256, manifest.RowCount, manifest.Label, columns));
    }
}
