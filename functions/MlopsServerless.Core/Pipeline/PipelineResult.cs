using MlopsServerless.Core.Pipeline.Steps;

namespace MlopsServerless.Core.Pipeline;

/// <summary>What the flow produced: the candidates, the chosen one, its evaluation, the version and the promotion decision.</summary>
public sealed record PipelineResult(
    DatasetSummary Data,
    IReadOnlyList<CandidateResult> Candidates,
    CandidateResult Chosen,
    EvaluationSummary Evaluation,
    RegisteredVersion Registered,
    PromotionDecision Promotion);
