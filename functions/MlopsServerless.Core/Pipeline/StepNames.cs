namespace MlopsServerless.Core.Pipeline;

/// <summary>The training pipeline's steps. These are also the Durable activity names in the Functions app.</summary>
public static class StepNames
{
    public const string LoadDataset = "LoadDataset";
    public const string TrainCandidate = "TrainCandidate";
    public const string EvaluateCandidate = "EvaluateCandidate";
    public const string RegisterModel = "RegisterModel";
    public const string PromoteModel = "PromoteModel";
    public const string FinishRun = "FinishRun";
}
