using System.Diagnostics;
using System.IO.Compression;
using MlopsServerless.Functions.Tests.Support;

namespace MlopsServerless.Functions.Tests;

/// <summary>eng/package-functions.sh builds a package Flex Consumption's OneDeploy can run.</summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlops-package-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }

    [Fact]
    public async Task PackageScript_Publish_ZipsWhatTheFunctionsHostNeedsAtItsRoot()
    {
        var zip = Path.Combine(_folder, "functions.zip");
        var script = Path.Combine(FunctionsApp.RepositoryRoot, "eng", "package-functions.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(zip);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(limit.Token);

        Assert.True(process.ExitCode == 0, $"package-functions.sh exited {process.ExitCode}:\n{await output}\n{await errors}");
        using var archive = ZipFile.OpenRead(zip);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("host.json", entries);
        Assert.Contains("functions.metadata", entries);
        Assert.Contains("worker.config.json", entries);
        Assert.Contains("extensions.json", entries);
        Assert.Contains("MlopsServerless.Functions.dll", entries);
        Assert.Contains(entries, e => e.StartsWith(".azurefunctions/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.EndsWith("local.settings.json", StringComparison.Ordinal));
        using var hostJson = new StreamReader(archive.GetEntry("host.json")!.Open());
        Assert.Contains("\"routePrefix\": \"\"", await hostJson.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
