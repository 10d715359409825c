using System.Text.Json;

namespace MlopsServerless.Functions.Tests.Support;

/// <summary>Where the Functions app's build output is, and the functions.metadata the Worker SDK generated there.</summary>
internal static class FunctionsApp
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The app's output folder, built with the same configuration as these tests.</summary>
    public static string OutputFolder
    {
        get
        {
            // .../tests/MlopsServerless.Functions.Tests/bin/{Configuration}/{tfm}/
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfm.Parent!.Name;
            return Path.Combine(RepositoryRoot, "functions", "MlopsServerless.Functions", "bin", configuration, tfm.Name);
        }
    }

    /// <summary>functions.metadata, one element per function.</summary>
    public static IReadOnlyList<JsonElement> Metadata()
    {
        var path = Path.Combine(OutputFolder, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Worker SDK did not generate it.");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MlopsServerless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MlopsServerless.sln above {AppContext.BaseDirectory}.");
    }
}
