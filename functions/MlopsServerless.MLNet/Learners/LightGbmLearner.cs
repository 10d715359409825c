using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet.Learners;

/// <summary>
/// <c>mlnet-lightgbm</c>: ML.NET's LightGBM (leaf-wise gradient-boosted trees, native LightGBM 4.6; needs libgomp1).
/// Missing numbers go to LightGBM's own missing-value handling. LightGBM's <c>deterministic</c> mode is on, so the same
/// data, parameters, seed and <c>threads</c> give the same model.
/// </summary>
internal sealed class LightGbmLearner : IMlNetLearner
{
    public string Name => "mlnet-lightgbm";

    public bool NeedsNormalization => false;

    public bool ImputesMissing => false;

    public bool Supports(ModelTask task) => true;

    public IEstimator<ITransformer> Create(MLContext ml, ModelTask task, TrainingParameters parameters, int seed, string features, string label)
    {
        var iterations = parameters.Int("n_estimators", 100, 1, 100_000);
        var leaves = parameters.Int("num_leaves", 31, 2, 131_072);
        var learningRate = parameters.Double("learning_rate", 0.1, 1e-6, 1);
        var minLeaf = parameters.Int("min_samples_leaf", 20, 1, int.MaxValue);
        var maxBins = parameters.Int("max_bins", 255, 2, 65_535);
        var threads = parameters.Int("threads", 1, 1, 64);
        var booster = new GradientBooster.Options
        {
            L2Regularization = parameters.Double("l2", 0, 0, 1e12),
            MaximumTreeDepth = parameters.Int("max_depth", 0, 0, 64),
            FeatureFraction = parameters.Double("colsample", 1, 1e-3, 1),
        };
        return task switch
        {
            ModelTask.BinaryClassification => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfIterations = iterations, NumberOfLeaves = leaves, LearningRate = learningRate,
                MinimumExampleCountPerLeaf = minLeaf, MaximumBinCountPerFeature = maxBins, NumberOfThreads = threads, Booster = booster,
                Seed = seed, Deterministic = true, Silent = true,
            }),
            ModelTask.MulticlassClassification => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfIterations = iterations, NumberOfLeaves = leaves, LearningRate = learningRate,
                MinimumExampleCountPerLeaf = minLeaf, MaximumBinCountPerFeature = maxBins, NumberOfThreads = threads, Booster = booster,
                Seed = seed, Deterministic = true, Silent = true, UseSoftmax = true,
            }),
            _ => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfIterations = iterations, NumberOfLeaves = leaves, LearningRate = learningRate,
                MinimumExampleCountPerLeaf = minLeaf, MaximumBinCountPerFeature = maxBins, NumberOfThreads = threads, Booster = booster,
                Seed = seed, Deterministic = true, Silent = true,
            }),
        };
    }
}
