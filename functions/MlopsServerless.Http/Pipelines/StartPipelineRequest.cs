using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Http.Pipelines;

/// <summary>Body of POST /api/pipelines: the dataset, optionally its version, the model name and the run's config.</summary>
public sealed record StartPipelineRequest(string Dataset, string? Version, string? Model, PipelineConfig? Config);
