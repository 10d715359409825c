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

    /// <summary>Why the run was started, in words (a retraining's signal, a retry's failed run); null for uploads and API starts.</summary>
    public string? Reason { get; init; }

    /// <summary>Which attempt this is: 1 for a first run, 2 and up for retries. <value>Defaults to 1.</value></summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The failed run this run retries, if it is a retry.</summary>
    public string? RetryOf { get; init; }

    /// <summary>The run that retries this one, once this failed run has been retried.</summary>
    public string? RetriedBy { get; init; }

    /// <summary>Why the run failed, in words a person can act on.</summary>
    public string? Error { get; init; }

    /// <summary>True once the run has ended, well or not.</summary>
    public bool IsFinished => Status is PipelineStatus.Completed or PipelineStatus.Failed;
}
