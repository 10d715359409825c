using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Core.Monitoring.Checks;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Core.Tests.Monitoring.Checks;

public sealed class MonitoringSweepTests
{
    [Fact]
    public async Task RunAsync_ModelsWithAndWithoutProduction_ChecksOnlyTheOneInProductionAndReportsItsFailure()
    {
        using var folder = new TempFolder();
        await using var provider = CoreContainer.Services(folder.Path).BuildServiceProvider();
        var registry = provider.GetRequiredService<ModelRegistry>();
        foreach (var name in new[] { "served", "staged" })
        {
            await registry.RegisterAsync(name, new ModelVersionDraft("run-" + name, "d", "v", "logreg", new Dictionary<string, double>(),
                new Dictionary<string, ReadOnlyMemory<byte>>()), CancellationToken.None);
        }

        await registry.SetStageAsync("served", 1, Stage.Production, "test", "serve it", CancellationToken.None);

        var results = await provider.GetRequiredService<MonitoringSweep>().RunAsync(CancellationToken.None);

        // Only the Production model is checked; its version has no training profile, and that failure is reported, not thrown.
        var result = Assert.Single(results);
        Assert.Equal("served", result.Model);
        Assert.Null(result.Pass);
        Assert.Contains("profile", result.Failure, StringComparison.Ordinal);
    }
}
