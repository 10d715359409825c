using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Pipeline.Steps;

namespace MlopsServerless.Core.Tracking;

/// <summary>
/// The record of one pipeline run (<c>runs/{id}/run.json</c>): what it trained on, with which config and code, how
/// each step went, every candidate's metrics, the chosen one, the registered version and how it ended.
/// </summary>
public sealed record PipelineRun(
    string Id,
    string Dataset,
    string DatasetVersion,
    string Model,
    PipelineConfig Config,
    PipelineStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? CodeVersion,
    string Trigger)
{
    /// <summary>Finished steps, in the order they finished.</summary>
    public IReadOnlyList<StepRecord> Steps { get; init; } = [];

    public IReadOnlyList<CandidateResult>? Candidates { get; init; }

    public int? ChosenCandidate { get; init; }

    public EvaluationSummary? Evaluation { get; init; }

    public RegisteredVersion? Registered { get; init; }

    public PromotionDecision? Promotion { get; init; }

    /// <summary>Why the run failed, in words a person can act on.</summary>
    public string? Error { get; init; }

    /// <summary>True once the run has ended, well or not.</summary>
    public bool IsFinished => Status is PipelineStatus.Completed or PipelineStatus.Failed;
}
