namespace MlopsServerless.Core.Pipeline;

/// <summary>Where a run is.</summary>
public enum PipelineStatus
{
    Pending,
    Running,
    Completed,
    Failed,
}
