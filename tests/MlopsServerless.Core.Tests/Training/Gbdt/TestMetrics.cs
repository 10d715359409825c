namespace MlopsServerless.Core.Tests.Training.Gbdt;

/// <summary>Small metric helpers for these tests only (the product's metrics live in Core/Evaluation).</summary>
internal static class TestMetrics
{
    /// <summary>ROC AUC by the rank-sum formula, ties sharing the average rank.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<int> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = ((i + j) / 2.0) + 1;
            }

            i = j + 1;
        }

        double positives = labels.Count(l => l == 1), negatives = labels.Count - positives;
        var rankSum = Enumerable.Range(0, labels.Count).Where(i => labels[i] == 1).Sum(i => ranks[i]);
        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    public static double Rmse(IReadOnlyList<double> predicted, IReadOnlyList<double> actual) =>
        Math.Sqrt(Enumerable.Range(0, actual.Count).Average(i => Math.Pow(predicted[i] - actual[i], 2)));
}
