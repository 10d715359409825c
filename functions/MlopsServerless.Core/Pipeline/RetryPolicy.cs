using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// How a step is retried: up to <paramref name="MaxAttempts"/> attempts, waiting <paramref name="FirstDelay"/> then
/// doubling, for failures that may pass (Unavailable, Conflict, I/O). Bad input is never retried.
/// </summary>
/// <param name="MaxAttempts">Attempts including the first. Defaults to 3.</param>
/// <param name="FirstDelay">Wait before the second attempt. Defaults to 1 second.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstDelay)
{
    /// <summary>Three attempts, 1 s then 2 s apart: for steps that touch storage.</summary>
    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(1));

    /// <summary>One attempt: for steps whose failure is deterministic (training on given data).</summary>
    public static RetryPolicy Once { get; } = new(1, TimeSpan.Zero);

    /// <summary>True when <paramref name="error"/> may pass on a later attempt.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        MlopsException m => m.Code is ErrorCode.Unavailable or ErrorCode.Conflict,
        IOException or TimeoutException or HttpRequestException => true,
        _ => false,
    };

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 = the first retry).</summary>
    public TimeSpan DelayBefore(int attempt) => FirstDelay * Math.Pow(2, attempt - 2);
}
