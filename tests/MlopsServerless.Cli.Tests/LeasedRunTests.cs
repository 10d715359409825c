using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Commands;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Cli.Tests.Support;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage.Leases;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Tests;

/// <summary>A CLI command's run never executes beside the same run in a <c>mlops serve</c> on the same folder.</summary>
public sealed class LeasedRunTests : IDisposable
{
    private readonly TempDataDir _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task RunOrWaitAsync_AnotherProcessHoldsTheRun_WaitsForItsOutcomeAndRunsNothing()
    {
        await using var services = new ServiceCollection().AddLogging().AddEmbeddedDefault(_data.Path, null).BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        var run = new PipelineRun("shop-0123456789abcdef", "shop", "0123456789abcdef", "shop", new PipelineConfig(), PipelineStatus.Pending, now, now, null, "test");
        var runs = services.GetRequiredService<RunStore>();
        await runs.CreateAsync(run, default);
        // Another process's LeaseManager: another holder on the same records.
        var server = new LeaseManager(services.GetRequiredService<IRecordStore>(), TimeProvider.System);
        await using var held = await server.TryAcquireAsync(RunLeases.LeaseName(run.Id), null, default);
        Assert.NotNull(held);
        using var printed = new StringWriter();
        var output = TextWriter.Synchronized(printed);

        var waiting = LeasedRun.RunOrWaitAsync(services, run.Id, output, default);
        await Eventually.WaitForAsync(() => Task.FromResult<object?>(Printed(output, printed).Contains("another process", StringComparison.Ordinal) ? "" : null), TimeSpan.FromSeconds(30), "the command to say it waits");
        Assert.False(waiting.IsCompleted);
        await runs.UpdateAsync(run.Id, r => r with { Status = PipelineStatus.Completed }, default);
        var finished = await waiting;

        Assert.Equal(PipelineStatus.Completed, finished.Status);
        Assert.Empty(finished.Steps);
    }

    // A synchronized writer locks on itself: reading under that lock sees whole lines only.
    private static string Printed(TextWriter output, StringWriter printed)
    {
        lock (output)
        {
            return printed.ToString();
        }
    }
}
