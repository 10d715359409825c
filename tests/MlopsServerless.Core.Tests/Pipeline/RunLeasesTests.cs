using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Storage.Leases;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class RunLeasesTests : IDisposable
{
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task TryRunAsync_RunHeldByAnotherProcess_DoesNotExecuteItUntilItsLeaseExpires()
    {
        var (_, run) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn(300));
        var other = new LeaseManager(_h.Records, _h.Time);
        var held = await other.TryAcquireAsync(RunLeases.LeaseName(run.Id), null, CoreHarness.None);
        var here = new RunLeases(_h.Engine, _h.Leases, _h.Runs, _h.Time);

        Assert.Null(await here.TryRunAsync(run.Id, null, CoreHarness.None));
        Assert.Equal(PipelineStatus.Pending, (await _h.Runs.GetRequiredAsync(run.Id, CoreHarness.None)).Status);

        _h.Time.Advance(LeaseManager.DefaultDuration + TimeSpan.FromSeconds(1));
        var finished = await here.TryRunAsync(run.Id, null, CoreHarness.None);

        Assert.Equal(PipelineStatus.Completed, finished!.Status);
        await held!.DisposeAsync();
    }

    [Fact]
    public async Task RunOrAwaitAsync_HolderStopsRenewing_WaitsThenExecutesTheRunHereOnceItsLeaseExpires()
    {
        var (_, run) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn(300));
        var held = await new LeaseManager(_h.Records, _h.Time).TryAcquireAsync(RunLeases.LeaseName(run.Id), null, CoreHarness.None);
        Assert.NotNull(held);
        var waits = 0;
        _h.Time.AutoAdvance = true;

        var finished = await new RunLeases(_h.Engine, _h.Leases, _h.Runs, _h.Time).RunOrAwaitAsync(run.Id, null, () => waits++, CoreHarness.None);

        Assert.Equal(PipelineStatus.Completed, finished.Status);
        Assert.Equal(1, waits);
        Assert.True(_h.Time.RequestedDelays.Count(d => d == RunLeases.Poll) >= LeaseManager.DefaultDuration / RunLeases.Poll);
    }

    [Fact]
    public async Task TryRunAsync_Finished_ReleasesTheLease()
    {
        var (_, run) = await _h.StartChurnRunAsync("churn", CoreHarness.Churn(300));

        await new RunLeases(_h.Engine, _h.Leases, _h.Runs, _h.Time).TryRunAsync(run.Id, null, CoreHarness.None);

        await using var next = await new LeaseManager(_h.Records, _h.Time).TryAcquireAsync(RunLeases.LeaseName(run.Id), null, CoreHarness.None);
        Assert.NotNull(next);
    }
}
