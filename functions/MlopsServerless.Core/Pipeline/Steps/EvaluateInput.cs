namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>Input of <see cref="StepNames.EvaluateCandidate"/>: the chosen candidate and the model whose champion it meets.</summary>
public sealed record EvaluateInput(string RunId, string Model, DatasetSummary Data, CandidateResult Chosen, int Seed, double ValidationFraction, double TestFraction);
