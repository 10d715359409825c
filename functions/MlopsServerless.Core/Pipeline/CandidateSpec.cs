namespace MlopsServerless.Core.Pipeline;

/// <summary>One model to train: an algorithm from the trainer catalog and its hyperparameters.</summary>
public sealed record CandidateSpec(string Algorithm, IReadOnlyDictionary<string, string> Parameters);
