using System.Runtime.CompilerServices;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Tests;

/// <summary>Loads a CSV from Fixtures/ through the product's own profiler and loader.</summary>
public static class FixtureData
{
    public static async Task<Table> LoadAsync(string fileName)
    {
        var path = Path.Combine(FixturesFolder(), fileName);
        CsvProfile profile;
        await using (var stream = File.OpenRead(path))
        {
            profile = await CsvProfiler.ProfileAsync(stream, CancellationToken.None);
        }

        await using var content = File.OpenRead(path);
        return await TableLoader.LoadAsync(content, profile.Columns, CancellationToken.None);
    }

    // The fixtures live next to the sources, not in the build output, so resolve them from this file's location.
    private static string FixturesFolder([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(source))!, "Fixtures");
}
