namespace MlopsServerless.Core.Events;

/// <summary>The CloudEvents <c>type</c> of every event the system publishes.</summary>
public static class EventTypes
{
    public const string DatasetVersioned = "MlopsServerless.DatasetVersioned";
    public const string PipelineCompleted = "MlopsServerless.PipelineCompleted";
    public const string PipelineFailed = "MlopsServerless.PipelineFailed";
    public const string ModelRegistered = "MlopsServerless.ModelRegistered";
    public const string ModelPromoted = "MlopsServerless.ModelPromoted";
    public const string DriftDetected = "MlopsServerless.DriftDetected";
}
