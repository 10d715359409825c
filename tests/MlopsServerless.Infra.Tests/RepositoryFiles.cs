namespace MlopsServerless.Infra.Tests;

internal static class RepositoryFiles
{
    /// <summary>The repository root: the nearest directory above the test binaries holding MlopsServerless.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlopsServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no MlopsServerless.sln above {AppContext.BaseDirectory}");
    }
}
