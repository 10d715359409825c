namespace MlopsServerless.Bench;

/// <summary>Metrics for the benchmark only (the product's metrics live in Core/Evaluation).</summary>
internal static class BenchMetrics
{
    public static double Auc(double[] scores, int[] labels)
    {
        var order = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(scores.ToArray(), order);
        double rankSum = 0, positives = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]] == 1)
                {
                    rankSum += ((i + j) / 2.0) + 1;
                    positives++;
                }
            }

            i = j + 1;
        }

        var negatives = labels.Length - positives;
        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    public static double LogLoss(double[] scores, int[] labels) =>
        -Enumerable.Range(0, scores.Length).Average(i => Math.Log(Math.Clamp(labels[i] == 1 ? scores[i] : 1 - scores[i], 1e-15, 1)));

    public static double Rmse(double[] predicted, double[] actual) =>
        Math.Sqrt(Enumerable.Range(0, actual.Length).Average(i => (predicted[i] - actual[i]) * (predicted[i] - actual[i])));
}
