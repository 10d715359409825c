using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet.Learners;

/// <summary><c>mlnet-fasttree</c>: ML.NET's FastTree (MART gradient-boosted trees), binary and regression.</summary>
internal sealed class FastTreeLearner : IMlNetLearner
{
    public string Name => "mlnet-fasttree";

    public bool NeedsNormalization => false;

    public bool ImputesMissing => true;

    public bool Supports(ModelTask task) => task is ModelTask.BinaryClassification or ModelTask.Regression;

    public IEstimator<ITransformer> Create(MLContext ml, ModelTask task, TrainingParameters parameters, int seed, string features, string label)
    {
        var trees = parameters.Int("n_estimators", 100, 1, 100_000);
        var leaves = parameters.Int("num_leaves", 20, 2, 131_072);
        var learningRate = parameters.Double("learning_rate", 0.2, 1e-6, 1);
        var minLeaf = parameters.Int("min_samples_leaf", 10, 1, int.MaxValue);
        var maxBins = parameters.Int("max_bins", 255, 2, 65_535);
        var featureFraction = parameters.Double("colsample", 1, 1e-3, 1);
        var threads = parameters.Int("threads", 1, 1, 64);
        return task == ModelTask.BinaryClassification
            ? ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfTrees = trees, NumberOfLeaves = leaves, LearningRate = learningRate,
                MinimumExampleCountPerLeaf = minLeaf, MaximumBinCountPerFeature = maxBins, FeatureFraction = featureFraction, NumberOfThreads = threads, Seed = seed,
            })
            : ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfTrees = trees, NumberOfLeaves = leaves, LearningRate = learningRate,
                MinimumExampleCountPerLeaf = minLeaf, MaximumBinCountPerFeature = maxBins, FeatureFraction = featureFraction, NumberOfThreads = threads, Seed = seed,
            });
    }
}
