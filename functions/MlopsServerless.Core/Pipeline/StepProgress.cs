namespace MlopsServerless.Core.Pipeline;

/// <summary>A progress report from the local engine: a step started, finished (or was replayed from its checkpoint), or failed.</summary>
public sealed record StepProgress(string RunId, int Sequence, string Step, StepState State, double Seconds, string? Detail);
