using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Evaluation;

/// <summary>
/// Classification metrics on plain arrays, defined as scikit-learn 1.2 defines them (the tests hold its values).
/// Classes are indices 0..K-1; <c>probabilities</c> are row-major <c>n x K</c>. Binary means K = 2 with class 1 the
/// positive class. Every function fails with InvalidArgument on empty or mismatched input rather than return NaN.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>The fraction of rows whose predicted class is the actual one.</summary>
    public static double Accuracy(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        CheckLengths(actual.Length, predicted.Length);
        var correct = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            correct += actual[i] == predicted[i] ? 1 : 0;
        }

        return (double)correct / actual.Length;
    }

    /// <summary>The mean recall over the classes present in <paramref name="actual"/> (scikit-learn's
    /// balanced_accuracy_score: a class that never occurs is left out, not counted as 0).</summary>
    public static double BalancedAccuracy(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        CheckLengths(actual.Length, predicted.Length);
        var support = new int[classCount];
        var hits = new int[classCount];
        for (var i = 0; i < actual.Length; i++)
        {
            support[actual[i]]++;
            hits[actual[i]] += actual[i] == predicted[i] ? 1 : 0;
        }

        double sum = 0;
        var present = 0;
        for (var k = 0; k < classCount; k++)
        {
            if (support[k] > 0)
            {
                sum += (double)hits[k] / support[k];
                present++;
            }
        }

        return sum / present;
    }

    /// <summary>
    /// Precision, recall and F1. Binary (<paramref name="classCount"/> = 2): of class 1. Multiclass: the unweighted mean
    /// over the classes that occur in <paramref name="actual"/> or <paramref name="predicted"/> (scikit-learn's
    /// average="macro" without explicit labels), each class's F1 computed from its own precision and recall. A ratio with
    /// a zero denominator (no predicted or no actual positives) counts as 0, as scikit-learn's zero_division default does.
    /// </summary>
    public static (double Precision, double Recall, double F1) PrecisionRecallF1(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        CheckLengths(actual.Length, predicted.Length);
        var truePositives = new int[classCount];
        var predictedCount = new int[classCount];
        var actualCount = new int[classCount];
        for (var i = 0; i < actual.Length; i++)
        {
            actualCount[actual[i]]++;
            predictedCount[predicted[i]]++;
            truePositives[actual[i]] += actual[i] == predicted[i] ? 1 : 0;
        }

        if (classCount == 2)
        {
            return Scores(truePositives[1], predictedCount[1], actualCount[1]);
        }

        double precision = 0, recall = 0, f1 = 0;
        var labels = 0;
        for (var k = 0; k < classCount; k++)
        {
            if (actualCount[k] == 0 && predictedCount[k] == 0)
            {
                continue;
            }

            var (p, r, f) = Scores(truePositives[k], predictedCount[k], actualCount[k]);
            precision += p;
            recall += r;
            f1 += f;
            labels++;
        }

        return (precision / labels, recall / labels, f1 / labels);
    }

    /// <summary>
    /// The area under the ROC curve of <paramref name="score"/> for <paramref name="actual"/> in {0, 1}: the probability
    /// that a random positive scores above a random negative, ties counting one half (equal to scikit-learn's
    /// trapezoidal roc_auc_score, ties included).
    /// </summary>
    /// <exception cref="MlopsException">FailedPrecondition when <paramref name="actual"/> holds only one class: the
    /// AUC is undefined then. InvalidArgument on empty input or a NaN score.</exception>
    public static double RocAuc(ReadOnlySpan<int> actual, ReadOnlySpan<double> score)
    {
        CheckLengths(actual.Length, score.Length);
        var (order, sorted) = SortAscending(score);
        var positives = 0;
        double rankSum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && sorted[j + 1] == sorted[i])
            {
                j++;
            }

            // Ranks i+1 .. j+1 share their mean.
            var rank = ((i + 1) + (j + 1)) / 2.0;
            for (var t = i; t <= j; t++)
            {
                if (actual[order[t]] == 1)
                {
                    positives++;
                    rankSum += rank;
                }
            }

            i = j + 1;
        }

        var negatives = actual.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw MlopsException.FailedPrecondition(
                $"ROC AUC is undefined: the labels hold only {(positives == 0 ? "negatives" : "positives")} ({actual.Length} rows). Evaluate on data with both classes.");
        }

        return (rankSum - (positives * (positives + 1.0) / 2)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision of <paramref name="score"/> for <paramref name="actual"/> in {0, 1}, as scikit-learn's
    /// average_precision_score: <c>sum_k (R_k - R_(k-1)) P_k</c> over the distinct score thresholds, highest first
    /// (tied scores form one threshold). All rows positive gives 1.
    /// </summary>
    /// <exception cref="MlopsException">FailedPrecondition when there is no positive row (recall is undefined).</exception>
    public static double AveragePrecision(ReadOnlySpan<int> actual, ReadOnlySpan<double> score)
    {
        CheckLengths(actual.Length, score.Length);
        var (order, sorted) = SortAscending(score);
        var positives = 0;
        foreach (var y in actual)
        {
            positives += y == 1 ? 1 : 0;
        }

        if (positives == 0)
        {
            throw MlopsException.FailedPrecondition(
                $"Average precision is undefined: the labels hold no positive row ({actual.Length} rows). Evaluate on data with both classes.");
        }

        double precisionSum = 0, previousRecall = 0;
        int truePositives = 0, seen = 0;
        var i = order.Length - 1;
        while (i >= 0)
        {
            var j = i;
            while (j - 1 >= 0 && sorted[j - 1] == sorted[i])
            {
                j--;
            }

            for (var t = j; t <= i; t++)
            {
                truePositives += actual[order[t]] == 1 ? 1 : 0;
                seen++;
            }

            var recall = (double)truePositives / positives;
            precisionSum += (recall - previousRecall) * ((double)truePositives / seen);
            previousRecall = recall;
            i = j - 1;
        }

        return precisionSum;
    }

    /// <summary>ROC AUC for <paramref name="classCount"/> classes: binary, of class 1's probability; multiclass, the
    /// unweighted mean of each class's one-vs-rest AUC over the classes that occur in <paramref name="actual"/> (a class
    /// absent from the labels has no AUC; scikit-learn refuses such input outright).</summary>
    /// <exception cref="MlopsException">FailedPrecondition when fewer than two classes occur.</exception>
    public static double RocAuc(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classCount) =>
        OneVsRest(actual, probabilities, classCount, "ROC AUC", RocAuc);

    /// <summary>Average precision for <paramref name="classCount"/> classes: binary, of class 1; multiclass, the
    /// unweighted mean of each class's one-vs-rest average precision over the classes that occur in
    /// <paramref name="actual"/>.</summary>
    /// <exception cref="MlopsException">FailedPrecondition when fewer than two classes occur.</exception>
    public static double AveragePrecision(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classCount) =>
        OneVsRest(actual, probabilities, classCount, "Average precision", AveragePrecision);

    /// <summary>
    /// Mean negative log-likelihood of the actual class, as scikit-learn's log_loss: each probability is clipped to
    /// [eps, 1 - eps] (eps = 2.22e-16, the double epsilon) and each row renormalized, so a confident mistake costs about
    /// 36, not infinity. Defined for any labels, one class included.
    /// </summary>
    public static double LogLoss(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classCount)
    {
        CheckLengths(actual.Length, probabilities.Length / classCount);
        const double eps = 2.220446049250313e-16;
        double total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var row = probabilities.Slice(i * classCount, classCount);
            double sum = 0;
            foreach (var p in row)
            {
                sum += Math.Clamp(p, eps, 1 - eps);
            }

            total -= Math.Log(Math.Clamp(row[actual[i]], eps, 1 - eps) / sum);
        }

        return total / actual.Length;
    }

    /// <summary>
    /// The Brier score as the mean over classes of the one-vs-rest Brier score:
    /// <c>(1/K) sum_k (1/n) sum_i (p_ik - [y_i = k])^2</c>. For two classes this equals the usual binary Brier score
    /// <c>(1/n) sum_i (p_i1 - y_i)^2</c> (scikit-learn's brier_score_loss); for more it is scikit-learn's per-class
    /// brier_score_loss averaged over the classes, so it stays in [0, 1].
    /// </summary>
    public static double Brier(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classCount)
    {
        CheckLengths(actual.Length, probabilities.Length / classCount);
        double total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            for (var k = 0; k < classCount; k++)
            {
                var d = probabilities[(i * classCount) + k] - (actual[i] == k ? 1 : 0);
                total += d * d;
            }
        }

        return total / actual.Length / classCount;
    }

    /// <summary>
    /// Expected calibration error on the top-class confidence: each row's confidence is its largest probability (first
    /// class on ties, as the predicted class) and it falls in bin <c>min(floor(confidence * bins), bins - 1)</c> of
    /// <paramref name="bins"/> equal-width bins over [0, 1] (defaults to 10). ECE = <c>sum_b (n_b / n) |accuracy_b -
    /// mean confidence_b|</c> over non-empty bins, where accuracy_b is the fraction of the bin's rows whose predicted class
    /// is the actual one. 0 is perfectly calibrated; at most 1.
    /// </summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classCount, int bins = 10)
    {
        CheckLengths(actual.Length, probabilities.Length / classCount);
        var count = new int[bins];
        var correct = new double[bins];
        var confidence = new double[bins];
        for (var i = 0; i < actual.Length; i++)
        {
            var row = probabilities.Slice(i * classCount, classCount);
            var best = 0;
            for (var k = 1; k < classCount; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            var bin = Math.Clamp((int)Math.Floor(row[best] * bins), 0, bins - 1);
            count[bin]++;
            correct[bin] += best == actual[i] ? 1 : 0;
            confidence[bin] += row[best];
        }

        double ece = 0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                ece += (double)count[b] / actual.Length * Math.Abs((correct[b] / count[b]) - (confidence[b] / count[b]));
            }
        }

        return ece;
    }

    private delegate double BinaryMetric(ReadOnlySpan<int> actual, ReadOnlySpan<double> score);

    private static double OneVsRest(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classCount, string name, BinaryMetric metric)
    {
        CheckLengths(actual.Length, probabilities.Length / classCount);
        var column = new double[actual.Length];
        var binary = new int[actual.Length];
        if (classCount == 2)
        {
            for (var i = 0; i < actual.Length; i++)
            {
                column[i] = probabilities[(i * 2) + 1];
            }

            return metric(actual, column);
        }

        var present = new bool[classCount];
        foreach (var y in actual)
        {
            present[y] = true;
        }

        if (present.Count(p => p) < 2)
        {
            throw MlopsException.FailedPrecondition(
                $"{name} is undefined: the labels hold only one class ({actual.Length} rows). Evaluate on data with several classes.");
        }

        double sum = 0;
        var classes = 0;
        for (var k = 0; k < classCount; k++)
        {
            if (!present[k])
            {
                continue;
            }

            for (var i = 0; i < actual.Length; i++)
            {
                column[i] = probabilities[(i * classCount) + k];
                binary[i] = actual[i] == k ? 1 : 0;
            }

            sum += metric(binary, column);
            classes++;
        }

        return sum / classes;
    }

    private static (double Precision, double Recall, double F1) Scores(int truePositives, int predicted, int actual)
    {
        var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
        var recall = actual == 0 ? 0 : (double)truePositives / actual;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }

    private static (int[] Order, double[] Sorted) SortAscending(ReadOnlySpan<double> score)
    {
        var sorted = score.ToArray();
        if (sorted.Any(double.IsNaN))
        {
            throw MlopsException.InvalidArgument("A score is NaN; ranking metrics need a number for every row.");
        }

        var order = Enumerable.Range(0, sorted.Length).ToArray();
        Array.Sort(sorted, order);
        return (order, sorted);
    }

    private static void CheckLengths(int actual, int other)
    {
        if (actual == 0)
        {
            throw MlopsException.InvalidArgument("No rows to score: a metric needs at least one labelled row.");
        }

        if (actual != other)
        {
            throw MlopsException.InvalidArgument($"{actual} labels but {other} predictions; they must match one to one.");
        }
    }
}
