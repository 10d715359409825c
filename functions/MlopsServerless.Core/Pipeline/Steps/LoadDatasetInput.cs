namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>Input of <see cref="StepNames.LoadDataset"/>.</summary>
public sealed record LoadDatasetInput(string RunId, string Dataset, string Version, int Seed, double ValidationFraction, double TestFraction);
