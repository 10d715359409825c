namespace MlopsServerless.Core.Training;

/// <summary>An algorithm the system knows: how to make its trainer and how to read its saved models.</summary>
public sealed record AlgorithmRegistration(
    string Name,
    Func<ITrainer> CreateTrainer,
    Func<ModelEnvelope, TrainedModel> ReadModel);
