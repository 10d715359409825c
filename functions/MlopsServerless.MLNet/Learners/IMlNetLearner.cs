using Microsoft.ML;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet.Learners;

/// <summary>One ML.NET trainer as an algorithm of ours: its name, tasks, parameters and what featurization it needs.</summary>
internal interface IMlNetLearner
{
    /// <summary>The algorithm name users type, for example "mlnet-lightgbm".</summary>
    string Name { get; }

    /// <summary>Whether the features are scaled to zero mean and unit variance first (linear learners).</summary>
    bool NeedsNormalization { get; }

    /// <summary>Whether missing numbers are replaced by the training mean first; false when the learner handles NaN itself.</summary>
    bool ImputesMissing { get; }

    bool Supports(ModelTask task);

    /// <summary>The ML.NET trainer for <paramref name="task"/>, reading every parameter from <paramref name="parameters"/>.</summary>
    IEstimator<ITransformer> Create(MLContext ml, ModelTask task, TrainingParameters parameters, int seed, string features, string label);
}
