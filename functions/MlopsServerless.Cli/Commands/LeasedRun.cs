using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Tracking;

namespace MlopsServerless.Cli.Commands;

/// <summary>
/// How a CLI command executes a pipeline run: Core's <see cref="RunLeases.RunOrAwaitAsync"/> (here under the run's lease,
/// or waiting for the <c>mlops serve</c> that holds it), with live progress and a line saying when it waits. Shared by
/// <c>mlops run</c>, <c>mlops demo</c>, <c>mlops start</c> and <c>mlops runs retry</c>.
/// </summary>
internal static class LeasedRun
{
    public static Task<PipelineRun> RunOrWaitAsync(IServiceProvider services, string runId, TextWriter output, CancellationToken cancellationToken) =>
        services.GetRequiredService<RunLeases>().RunOrAwaitAsync(
            runId, new ConsoleProgress(output), () => output.WriteLine($"            another process (mlops serve?) is running {runId}; waiting for it"), cancellationToken);
}
