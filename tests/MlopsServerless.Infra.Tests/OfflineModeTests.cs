using System.Diagnostics;
using MlopsServerless.Infra.Stacks;

namespace MlopsServerless.Infra.Tests;

public sealed class OfflineModeTests
{
#if PULUMI_OFFLINE
    [Fact]
    public void IsOffline_OfflineBuild_True()
    {
        Assert.True(PulumiSdkMode.IsOffline);
    }

    [Fact]
    public async Task Program_OfflineBuild_StopsAtOnceAndSaysWhy()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "MlopsServerless.Infra.dll");
        var start = new ProcessStartInfo("dotnet", [program]) { RedirectStandardError = true, RedirectStandardOutput = true };

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("PulumiSdk=offline", error, StringComparison.Ordinal);
        Assert.Contains("deploys nothing", error, StringComparison.Ordinal);
    }
#else
    [Fact]
    public void IsOffline_RealBuild_False()
    {
        Assert.False(PulumiSdkMode.IsOffline);
    }
#endif
}
