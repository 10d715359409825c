using Microsoft.DurableTask;
using CoreRetryPolicy = MlopsServerless.Core.Pipeline.RetryPolicy;

namespace MlopsServerless.Functions.Pipeline;

/// <summary>
/// Core's step <see cref="CoreRetryPolicy"/> as Durable task options: the same attempts, first delay and doubling,
/// retrying only failures Core calls transient (the activity reports them as <see cref="TransientStepException"/>).
/// </summary>
internal static class StepRetry
{
    public static TaskOptions? OptionsFor(CoreRetryPolicy retry) => retry.MaxAttempts <= 1
        ? null
        : TaskOptions.FromRetryPolicy(new RetryPolicy(retry.MaxAttempts, retry.FirstDelay, backoffCoefficient: 2.0)
        {
            HandleFailure = IsTransient,
        });

    /// <summary>True when the activity failed with, or because of, a <see cref="TransientStepException"/>.</summary>
    public static bool IsTransient(TaskFailureDetails? failure)
    {
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (f.ErrorType == typeof(TransientStepException).FullName)
            {
                return true;
            }
        }

        return false;
    }
}
