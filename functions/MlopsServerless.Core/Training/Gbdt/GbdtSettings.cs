using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>The hyperparameters of <see cref="GbdtTrainer"/>, read and range-checked from the user's name=value pairs.</summary>
internal sealed record GbdtSettings(
    int Estimators,
    int MaxDepth,
    int MaxLeaves,
    int MinSamplesLeaf,
    double MinChildWeight,
    double LearningRate,
    double L2,
    double Subsample,
    double Colsample,
    int MaxBins,
    int EarlyStoppingRounds,
    int Threads,
    double CategorySmoothing,
    int MinSamplesPerCategory)
{
    /// <summary>The parameter that sets the worker count; it never changes the model, so the model does not record it.</summary>
    public const string ThreadsParameter = "threads";

    public static GbdtSettings Read(TrainingParameters parameters)
    {
        var l2 = parameters.Double("l2", 1.0, 0, 1e12);
        var settings = new GbdtSettings(
            Estimators: parameters.Int("n_estimators", 100, 1, 100_000),
            MaxDepth: parameters.Int("max_depth", 6, 1, 32),
            MaxLeaves: parameters.Int("max_leaves", 0, 0, 1 << 20),
            MinSamplesLeaf: parameters.Int("min_samples_leaf", 20, 1, int.MaxValue),
            MinChildWeight: parameters.Double("min_child_weight", 1e-3, 0, 1e12),
            LearningRate: parameters.Double("learning_rate", 0.1, 1e-6, 1),
            L2: l2,
            Subsample: parameters.Double("subsample", 1.0, 1e-3, 1),
            Colsample: parameters.Double("colsample", 1.0, 1e-3, 1),
            MaxBins: parameters.Int("max_bins", 255, 2, 255),
            EarlyStoppingRounds: parameters.Int("early_stopping_rounds", 10, 0, 100_000),
            Threads: parameters.Int(ThreadsParameter, Environment.ProcessorCount, 1, 1024),
            // Categorical splits order levels by G / (H + cat_smooth) (default: l2) and leave out levels with fewer
            // than min_samples_per_category rows in the leaf (they go right); LightGBM's cat_smooth / min_data_per_group.
            CategorySmoothing: parameters.Double("cat_smooth", l2, 0, 1e12),
            MinSamplesPerCategory: parameters.Int("min_samples_per_category", 1, 1, int.MaxValue));
        if (settings.MaxLeaves == 1)
        {
            throw MlopsException.InvalidArgument("gbdt: max_leaves=1 cannot split; use 0 (no limit besides max_depth) or at least 2.");
        }

        return settings;
    }
}
