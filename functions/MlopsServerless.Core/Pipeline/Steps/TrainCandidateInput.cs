namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>Input of <see cref="StepNames.TrainCandidate"/>: one candidate of the fan-out.</summary>
public sealed record TrainCandidateInput(
    string RunId,
    int Index,
    DatasetSummary Data,
    CandidateSpec Candidate,
    string PrimaryMetric,
    int Seed,
    double ValidationFraction,
    double TestFraction);
