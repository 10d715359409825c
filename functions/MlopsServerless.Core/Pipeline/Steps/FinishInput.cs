namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>Input of <see cref="StepNames.FinishRun"/>: how the run ended.</summary>
public sealed record FinishInput(
    string RunId,
    bool Succeeded,
    string? Error,
    IReadOnlyList<CandidateResult>? Candidates,
    int? ChosenCandidate,
    EvaluationSummary? Evaluation,
    RegisteredVersion? Registered,
    PromotionDecision? Promotion);
