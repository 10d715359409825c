namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>The run's final status as recorded.</summary>
public sealed record FinishResult(string RunId, PipelineStatus Status);
