using MlopsServerless.Core.Errors;

namespace MlopsServerless.Cli.Commands;

/// <summary>Runs a command body and turns Core's errors into a message on stderr and exit code 1.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (MlopsException e)
        {
            await Console.Error.WriteLineAsync($"error ({e.Code}): {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return 130;
        }
    }
}
