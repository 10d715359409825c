namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>Input of <see cref="StepNames.PromoteModel"/>.</summary>
public sealed record PromoteInput(string RunId, string Model, int Version, string Reason);
