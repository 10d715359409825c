namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>Input of <see cref="StepNames.RegisterModel"/>.</summary>
public sealed record RegisterInput(
    string RunId,
    string Model,
    DatasetSummary Data,
    CandidateResult Chosen,
    IReadOnlyList<CandidateResult> Candidates,
    EvaluationSummary Evaluation,
    string PrimaryMetric,
    int Seed,
    double ValidationFraction,
    double TestFraction);
