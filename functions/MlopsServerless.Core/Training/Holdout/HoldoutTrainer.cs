using System.Diagnostics;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;

namespace MlopsServerless.Core.Training.Holdout;

/// <summary>
/// Trains one algorithm on a CSV file and scores it on a held-out split: the engine of <c>mlops train</c>, for trying
/// an algorithm or parameters on a file without versioning or registering anything.
/// </summary>
public static class HoldoutTrainer
{
    /// <summary>Profiles and loads the file (opened twice through <paramref name="open"/>), trains, times prediction, evaluates.</summary>
    /// <param name="open">Opens the CSV for reading; called once to infer the schema and once to load it.</param>
    /// <param name="label">The label column.</param>
    /// <param name="algorithm">A name from the trainer catalog.</param>
    /// <param name="parameters">Hyperparameters as name=value.</param>
    /// <param name="seed">Seed for the trainer and a random split.</param>
    /// <param name="split">Which rows are held out.</param>
    /// <param name="task">The task, or null to detect it from the label.</param>
    /// <param name="cancellationToken">Cancels loading and training.</param>
    /// <exception cref="MlopsException">InvalidArgument for an unreadable file, unknown label, algorithm or parameter.</exception>
    public static async Task<HoldoutResult> RunAsync(
        Func<Stream> open, string label, string algorithm, IReadOnlyDictionary<string, string> parameters, int seed, TestSplitSpec split, ModelTask? task,
        CancellationToken cancellationToken)
    {
        var registration = TrainerCatalog.Get(algorithm);
        (long Rows, IReadOnlyList<ColumnProfile> Columns) profile;
        try
        {
            // Kinds and counts only: nothing here is versioned, so the file is not hashed.
            await using var first = open();
            profile = await CsvProfiler.ProfileColumnsAsync(first, cancellationToken).ConfigureAwait(false);
        }
        catch (CsvFormatException e)
        {
            throw MlopsException.InvalidArgument($"Line {e.Line}: {e.Message}");
        }

        await using var second = open();
        var table = await TableLoader.LoadAsync(second, profile.Columns, profile.Rows, cancellationToken).ConfigureAwait(false);
        if (!table.Contains(label))
        {
            throw MlopsException.InvalidArgument($"There is no label column '{label}'. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }

        var (trainRows, testRows) = split.Rows(table.RowCount, seed);
        var train = table.Select(trainRows);
        var test = table.Select(testRows);
        var effectiveTask = task ?? TaskDetector.Detect(table[label]);

        var watch = Stopwatch.StartNew();
        var model = registration.CreateTrainer().Train(new TrainingRequest(train, null, label, effectiveTask, parameters, seed), cancellationToken);
        var trainSeconds = watch.Elapsed.TotalSeconds;

        var features = test.Without(label);
        watch.Restart();
        model.Predict(features);
        var predictMicroseconds = watch.Elapsed.TotalMicroseconds / Math.Max(1, features.RowCount);

        var metrics = ModelEvaluator.Evaluate(model, test).Metrics;
        var keys = effectiveTask == ModelTask.Regression
            ? MetricCatalog.For(effectiveTask)
            : MetricCatalog.For(effectiveTask).Where(metrics.ContainsKey).ToList();
        return new HoldoutResult(
            effectiveTask switch { ModelTask.BinaryClassification => "binary", ModelTask.MulticlassClassification => "multiclass", _ => "regression" },
            model.Algorithm, trainRows.Length, testRows.Length, Math.Round(trainSeconds, 4), Math.Round(predictMicroseconds, 4),
            keys.ToDictionary(k => k, k => metrics[k]), model.Parameters);
    }
}
