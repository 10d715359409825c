using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Http.Pipelines;

/// <summary>The 202 answer to a start or retry: the run id, its status, whether this call created it, and where to follow it.</summary>
public sealed record PipelineStarted(string Id, PipelineStatus Status, bool Created, string StatusUrl);
