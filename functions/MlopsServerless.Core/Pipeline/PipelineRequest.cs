namespace MlopsServerless.Core.Pipeline;

/// <summary>What a run trains on and into: a dataset version, the model name it registers under, and the config.</summary>
public sealed record PipelineRequest(string RunId, string Dataset, string DatasetVersion, string Model, PipelineConfig Config);
