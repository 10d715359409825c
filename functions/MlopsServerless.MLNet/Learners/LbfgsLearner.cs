using Microsoft.ML;
using Microsoft.ML.Trainers;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet.Learners;

/// <summary>
/// <c>mlnet-lbfgs</c>: ML.NET's L-BFGS logistic regression (binary) and maximum-entropy model (multiclass), on
/// standardized features. One thread by default: with more, the gradient sums' order (and so the model's last bits) varies.
/// </summary>
internal sealed class LbfgsLearner : IMlNetLearner
{
    public string Name => "mlnet-lbfgs";

    public bool NeedsNormalization => true;

    public bool ImputesMissing => true;

    public bool Supports(ModelTask task) => task is ModelTask.BinaryClassification or ModelTask.MulticlassClassification;

    public IEstimator<ITransformer> Create(MLContext ml, ModelTask task, TrainingParameters parameters, int seed, string features, string label)
    {
        var l2 = (float)parameters.Double("l2", 1, 0, 1e9);
        var l1 = (float)parameters.Double("l1", 0, 0, 1e9);
        var iterations = parameters.Int("max_iter", 1000, 1, 1_000_000);
        var tolerance = (float)parameters.Double("tol", 1e-7, 1e-15, 1);
        var threads = parameters.Int("threads", 1, 1, 64);
        return task == ModelTask.BinaryClassification
            ? ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, L2Regularization = l2, L1Regularization = l1,
                MaximumNumberOfIterations = iterations, OptimizationTolerance = tolerance, NumberOfThreads = threads, Quiet = true,
            })
            : ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, L2Regularization = l2, L1Regularization = l1,
                MaximumNumberOfIterations = iterations, OptimizationTolerance = tolerance, NumberOfThreads = threads, Quiet = true,
            });
    }
}
