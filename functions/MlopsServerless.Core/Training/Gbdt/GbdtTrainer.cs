using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// Histogram gradient-boosted trees (<c>gbdt</c>) for binary, multiclass and regression tasks. Inputs are binned on the
/// training data (quantiles for numbers and booleans, up to 254 frequent levels for categories); missing values take
/// the side each split learns. Trees grow best-first: depth-wise to max_depth without a leaf budget, leaf-wise with one
/// (max_leaves, e.g. 64 with max_depth 10). Parameters (defaults): n_estimators (100), max_depth (6), max_leaves (0 = no limit),
/// min_samples_leaf (20), min_child_weight (0.001), learning_rate (0.1), l2 (1), cat_smooth (= l2: categorical levels
/// are ordered by G / (H + cat_smooth)), min_samples_per_category (1: rarer levels of a leaf go right), subsample (1), colsample (1),
/// max_bins (255), early_stopping_rounds (10, on <see cref="TrainingRequest.Validation"/> when given; 0 = off) and
/// threads (processor count; never changes the model).
/// </summary>
public sealed class GbdtTrainer : ITrainer
{
    /// <summary>The algorithm name users type.</summary>
    public const string Name = "gbdt";

    public string Algorithm => Name;

    public bool Supports(ModelTask task) => true;

    /// <inheritdoc />
    /// <exception cref="MlopsException">InvalidArgument for unknown or out-of-range parameters, a label that cannot
    /// carry the task, or no labelled rows.</exception>
    public TrainedModel Train(TrainingRequest request, CancellationToken cancellationToken)
    {
        var parameters = new TrainingParameters(Name, request.Parameters);
        var settings = GbdtSettings.Read(parameters);
        parameters.RejectUnknown();

        var encoding = LabelEncoding.Fit(request.Train[request.Label], request.Task);
        var (train, targets) = Labelled(request.Train, request.Label, encoding);
        if (targets.Length == 0)
        {
            throw MlopsException.InvalidArgument($"gbdt needs labelled rows, but '{request.Label}' is missing in every row.");
        }

        var inputs = train.Columns.Where(c => c.Name != request.Label).ToList();
        var features = FeatureBinner.FitAll(inputs, settings.MaxBins, settings.Threads);
        var matrix = BinnedMatrix.Build(train, features, settings.Threads);

        (BinnedMatrix, double[])? validation = null;
        if (request.Validation is not null && settings.EarlyStoppingRounds > 0)
        {
            var (valid, validTargets) = Labelled(request.Validation, request.Label, encoding);
            if (validTargets.Length > 0)
            {
                validation = (BinnedMatrix.Build(valid, features, settings.Threads), validTargets);
            }
        }

        var objective = new GbdtObjective(request.Task, encoding.Classes.Count);
        var (baseScores, trees) = new GbdtBooster(settings, objective, new Random(request.Seed))
            .Run(matrix, targets, features, validation, cancellationToken);

        var signature = new ModelSignature(
            inputs.Select(c => new FeatureSpec(c.Name, c.Kind)).ToList(), request.Label, request.Task, encoding.Classes);
        var used = parameters.Used
            .Where(p => p.Key != GbdtSettings.ThreadsParameter)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new GbdtModel(signature, used, new GbdtBody(features, baseScores, objective.Width, trees));
    }

    /// <summary>The rows whose label is known, and their targets (class indices or values).</summary>
    private static (Table Rows, double[] Targets) Labelled(Table table, string label, LabelEncoding encoding)
    {
        var column = table[label];
        double[] targets = encoding.Task == ModelTask.Regression
            ? LabelEncoding.EncodeValues(column)
            : encoding.EncodeClasses(column).Select(c => c < 0 ? double.NaN : c).ToArray();
        var keep = new List<int>(targets.Length);
        for (var row = 0; row < targets.Length; row++)
        {
            if (!double.IsNaN(targets[row]))
            {
                keep.Add(row);
            }
        }

        return keep.Count == targets.Length
            ? (table, targets)
            : (table.Select(keep), keep.Select(row => targets[row]).ToArray());
    }
}
