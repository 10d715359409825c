using MlopsServerless.Core.Registry;

namespace MlopsServerless.Core.Monitoring.Checks;

/// <summary>
/// One scheduled monitoring round (the DriftCheck timer in Azure, the schedule in <c>mlops serve</c>): a
/// <see cref="ScheduledMonitoring"/> pass for every model with a Production version. One model's failure is recorded
/// and the round goes on to the next.
/// </summary>
public sealed class MonitoringSweep(ModelRegistry registry, ScheduledMonitoring monitoring)
{
    public async Task<IReadOnlyList<MonitoringSweepResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<MonitoringSweepResult>();
        foreach (var model in await registry.ListHeadsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (model.ProductionVersion is null)
            {
                continue;
            }

            try
            {
                results.Add(new MonitoringSweepResult(model.Name, await monitoring.RunAsync(model.Name, cancellationToken).ConfigureAwait(false), null));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever one model's check throws (damaged data, a store outage) must not stop the round or the host.
                results.Add(new MonitoringSweepResult(model.Name, null, e.Message));
            }
        }

        return results;
    }
}
