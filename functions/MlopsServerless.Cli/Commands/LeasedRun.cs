using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Commands;

/// <summary>
/// How a CLI command executes a pipeline run: in this process under the run's lease (<see cref="RunLeases"/>), so that a
/// <c>mlops serve</c> on the same folder never executes the same run at the same time; when it holds the run, the command
/// waits for it. Shared by <c>mlops run</c>, <c>mlops demo</c>, <c>mlops start</c> and <c>mlops runs retry</c>.
/// </summary>
internal static class LeasedRun
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>Runs <paramref name="runId"/> here under its lease, with live progress on <paramref name="output"/>; when another process holds it, waits for that process to finish it.</summary>
    public static async Task<PipelineRun> RunOrWaitAsync(IServiceProvider services, string runId, TextWriter output, CancellationToken cancellationToken)
    {
        var leases = services.GetRequiredService<RunLeases>();
        var runs = services.GetRequiredService<RunStore>();
        var waiting = false;
        while (true)
        {
            if (await leases.TryRunAsync(runId, new ConsoleProgress(output), cancellationToken).ConfigureAwait(false) is { } finished)
            {
                return finished;
            }

            var current = await runs.GetRequiredAsync(runId, cancellationToken).ConfigureAwait(false);
            if (current.IsFinished)
            {
                return current;
            }

            if (!waiting)
            {
                output.WriteLine($"            another process (mlops serve?) is running {runId}; waiting for it");
                waiting = true;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
