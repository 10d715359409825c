using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Evaluation;

/// <summary>The metric names the system uses (in metrics.json, run tracking, model selection and promotion) and
/// which way each one improves.</summary>
public static class MetricCatalog
{
    public const string Accuracy = "accuracy";
    public const string BalancedAccuracy = "balanced_accuracy";
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string F1 = "f1";
    public const string Auc = "auc";
    public const string PrAuc = "pr_auc";
    public const string LogLoss = "logloss";
    public const string Brier = "brier";
    public const string Ece = "ece";
    public const string Rmse = "rmse";
    public const string Mae = "mae";
    public const string R2 = "r2";
    public const string Mape = "mape";

    private static readonly string[] Classification = [Accuracy, BalancedAccuracy, Precision, Recall, F1, Auc, PrAuc, LogLoss, Brier, Ece];
    private static readonly string[] Regression = [Rmse, Mae, R2, Mape];
    private static readonly HashSet<string> LowerIsBetter = [LogLoss, Brier, Ece, Rmse, Mae, Mape];

    /// <summary>True when a larger value of <paramref name="metric"/> is better (accuracy, auc, r2, ...), false when a
    /// smaller one is (logloss, brier, ece, rmse, mae, mape).</summary>
    /// <exception cref="MlopsException">InvalidArgument for an unknown metric name; the message lists the known ones.</exception>
    public static bool HigherIsBetter(string metric)
    {
        if (!Classification.Contains(metric) && !Regression.Contains(metric))
        {
            throw MlopsException.InvalidArgument(
                $"Unknown metric '{metric}'. Known: {string.Join(", ", Classification.Concat(Regression))}.");
        }

        return !LowerIsBetter.Contains(metric);
    }

    /// <summary>The metric models are selected and compared by unless the user chose one: <c>auc</c> for
    /// classification, <c>rmse</c> for regression.</summary>
    public static string DefaultPrimary(ModelTask task) => task == ModelTask.Regression ? Rmse : Auc;

    /// <summary>Every metric <see cref="ModelEvaluator"/> reports for <paramref name="task"/>, in report order.</summary>
    public static IReadOnlyList<string> For(ModelTask task) => task == ModelTask.Regression ? Regression : Classification;
}
