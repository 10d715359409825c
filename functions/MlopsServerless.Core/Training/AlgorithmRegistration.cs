namespace MlopsServerless.Core.Training;

/// <summary>An algorithm the system knows: how to make its trainer and how to read its saved models.</summary>
public sealed record AlgorithmRegistration(
    string Name,
    Func<ITrainer> CreateTrainer,
    Func<ModelEnvelope, TrainedModel> ReadModel)
{
    /// <summary>Whether a run without configured candidates trains this algorithm. Defaults to true.</summary>
    public bool DefaultCandidate { get; init; } = true;
}
