namespace MlopsServerless.Functions.Pipeline;

/// <summary>
/// An activity's failure that Core's <see cref="Core.Pipeline.RetryPolicy.IsTransient"/> says may pass on a later
/// attempt. Durable only sees a failure's type name, so the activity wraps such failures in this one type that the
/// orchestrator's retry handler recognises.
/// </summary>
public sealed class TransientStepException(string message, Exception innerException) : Exception(message, innerException)
{
}
