namespace MlopsServerless.Core.Pipeline;

/// <summary>What happened to a step.</summary>
public enum StepState
{
    Started,
    Finished,
    Replayed,
    Retrying,
    Failed,
}
