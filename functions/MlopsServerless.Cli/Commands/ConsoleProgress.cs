using System.Globalization;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Cli.Commands;

/// <summary>Prints pipeline steps as they start and finish, one line each.</summary>
internal sealed class ConsoleProgress(TextWriter output) : IProgress<StepProgress>
{
    private readonly Lock _gate = new();

    public void Report(StepProgress value)
    {
        var line = value.State switch
        {
            StepState.Started => $"  -> {value.Step} #{value.Sequence} started",
            StepState.Finished => $"  ok {value.Step} #{value.Sequence} ({value.Seconds.ToString("0.00", CultureInfo.InvariantCulture)} s)",
            StepState.Replayed => $"  ok {value.Step} #{value.Sequence} (from checkpoint)",
            StepState.Retrying => $"  !! {value.Step} #{value.Sequence} retrying: {value.Detail}",
            _ => $"  xx {value.Step} #{value.Sequence} failed: {value.Detail}",
        };
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
