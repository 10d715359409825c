using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace MlopsServerless.Cli.Hosting;

/// <summary>
/// The local server's API key: MLOPS_API_KEY (or Mlops__ApiKey) when set, else a random key created once in
/// <c>{data-dir}/.secrets/api-key</c> (readable by the owner only). The key itself is never printed or logged.
/// </summary>
internal static class ApiKeys
{
    public static string FilePath(string dataDir) => Path.Combine(Path.GetFullPath(dataDir), ".secrets", "api-key");

    public static string LoadOrCreate(string dataDir, IConfiguration? configuration = null)
    {
        if ((configuration ?? LocalConfiguration.Build())[LocalConfiguration.ApiKey] is { Length: >= 16 } configured)
        {
            return configured;
        }

        var path = FilePath(dataDir);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(path, options)))
        {
            writer.Write(key);
        }

        return key;
    }
}
