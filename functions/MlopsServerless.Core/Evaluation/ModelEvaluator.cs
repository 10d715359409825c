using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Evaluation;

/// <summary>Scores a model on labelled data with every metric of its task (<see cref="MetricCatalog.For"/>).</summary>
public static class ModelEvaluator
{
    /// <summary>
    /// Predicts <paramref name="data"/> and compares with its label column (named <c>model.Signature.Label</c>). Rows
    /// with a missing label are skipped. Classification reports every classification metric (binary: positive class is
    /// <c>Classes[1]</c>; multiclass: macro averages) and the confusion matrix; regression reports rmse, mae, r2, mape.
    /// </summary>
    /// <exception cref="MlopsException">NotFound when the label column is absent; InvalidArgument when no row has a label
    /// or a label is not one of the model's classes; FailedPrecondition when the labels hold a single class, so AUC and
    /// average precision are undefined.</exception>
    public static ModelEvaluation Evaluate(TrainedModel model, Table data)
    {
        var signature = model.Signature;
        var label = data[signature.Label];
        var predictions = model.Predict(data);
        return signature.Task == ModelTask.Regression
            ? EvaluateRegression(label, predictions)
            : EvaluateClassification(signature, label, predictions);
    }

    private static ModelEvaluation EvaluateRegression(Column label, Predictions predictions)
    {
        var all = LabelEncoding.EncodeValues(label);
        var rows = Enumerable.Range(0, all.Length).Where(i => !double.IsNaN(all[i])).ToArray();
        RequireRows(rows.Length, label.Name);
        var actual = rows.Select(i => all[i]).ToArray();
        var predicted = rows.Select(i => predictions.Values[i]).ToArray();
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricCatalog.Rmse] = RegressionMetrics.Rmse(actual, predicted),
            [MetricCatalog.Mae] = RegressionMetrics.Mae(actual, predicted),
            [MetricCatalog.R2] = RegressionMetrics.R2(actual, predicted),
            [MetricCatalog.Mape] = RegressionMetrics.Mape(actual, predicted),
        };
        return new ModelEvaluation(ModelTask.Regression, rows.Length, metrics, null);
    }

    private static ModelEvaluation EvaluateClassification(ModelSignature signature, Column label, Predictions predictions)
    {
        var classCount = signature.Classes.Count;
        var codes = new LabelEncoding(signature.Task, signature.Classes).EncodeClasses(label);
        var rows = new List<int>();
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] >= 0)
            {
                rows.Add(i);
            }
            else if (LabelEncoding.TextAt(label, i) is { } unknown)
            {
                throw MlopsException.InvalidArgument(
                    $"Row {i + 1} of '{label.Name}' is '{unknown}', which is not one of the model's classes ({string.Join(", ", signature.Classes)}).");
            }
        }

        RequireRows(rows.Count, label.Name);
        var actual = rows.Select(i => codes[i]).ToArray();
        var predicted = rows.Select(predictions.PredictedClass).ToArray();
        var probabilities = new double[rows.Count * classCount];
        for (var r = 0; r < rows.Count; r++)
        {
            predictions.Row(rows[r]).CopyTo(probabilities.AsSpan(r * classCount, classCount));
        }

        var (precision, recall, f1) = ClassificationMetrics.PrecisionRecallF1(actual, predicted, classCount);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricCatalog.Accuracy] = ClassificationMetrics.Accuracy(actual, predicted),
            [MetricCatalog.BalancedAccuracy] = ClassificationMetrics.BalancedAccuracy(actual, predicted, classCount),
            [MetricCatalog.Precision] = precision,
            [MetricCatalog.Recall] = recall,
            [MetricCatalog.F1] = f1,
            [MetricCatalog.Auc] = ClassificationMetrics.RocAuc(actual, probabilities, classCount),
            [MetricCatalog.PrAuc] = ClassificationMetrics.AveragePrecision(actual, probabilities, classCount),
            [MetricCatalog.LogLoss] = ClassificationMetrics.LogLoss(actual, probabilities, classCount),
            [MetricCatalog.Brier] = ClassificationMetrics.Brier(actual, probabilities, classCount),
            [MetricCatalog.Ece] = ClassificationMetrics.ExpectedCalibrationError(actual, probabilities, classCount),
        };
        return new ModelEvaluation(signature.Task, rows.Count, metrics, ConfusionMatrix.From(signature.Classes, actual, predicted));
    }

    private static void RequireRows(int count, string label)
    {
        if (count == 0)
        {
            throw MlopsException.InvalidArgument($"No row of the evaluation data has a value in the label column '{label}'.");
        }
    }
}
