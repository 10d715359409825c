using Microsoft.ML;
using Microsoft.ML.Trainers;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet.Learners;

/// <summary>
/// <c>mlnet-sdca</c>: ML.NET's stochastic dual coordinate ascent linear regression, on standardized features. One thread
/// by default: SDCA with more threads updates shared weights in a racy order, so its models are not reproducible.
/// </summary>
internal sealed class SdcaLearner : IMlNetLearner
{
    public string Name => "mlnet-sdca";

    public bool NeedsNormalization => true;

    public bool ImputesMissing => true;

    public bool Supports(ModelTask task) => task == ModelTask.Regression;

    public IEstimator<ITransformer> Create(MLContext ml, ModelTask task, TrainingParameters parameters, int seed, string features, string label) =>
        ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = features,
            L2Regularization = (float)parameters.Double("l2", 1e-4, 0, 1e9),
            L1Regularization = (float)parameters.Double("l1", 0, 0, 1e9),
            MaximumNumberOfIterations = parameters.Int("max_iter", 100, 1, 1_000_000),
            ConvergenceTolerance = (float)parameters.Double("tol", 1e-3, 1e-9, 1),
            NumberOfThreads = parameters.Int("threads", 1, 1, 64),
            Shuffle = true,
        });
}
