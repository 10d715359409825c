namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// The loss a task boosts on: logloss (binary, one margin), softmax cross-entropy (multiclass, one margin per class) or
/// squared error (regression). Targets are class indices (as doubles) or values. Margins are row-major, Width per row.
/// </summary>
internal sealed class GbdtObjective(ModelTask task, int classes)
{
    private const double MinHessian = 1e-16;

    public ModelTask Task { get; } = task;

    /// <summary>Margins (and trees) per row: the class count for multiclass, otherwise 1.</summary>
    public int Width { get; } = task == ModelTask.MulticlassClassification ? classes : 1;

    /// <summary>The constant model that minimises the loss: the mean, the log-odds or the log class priors.</summary>
    public double[] BaseScores(double[] targets)
    {
        switch (Task)
        {
            case ModelTask.Regression:
                var sum = 0.0;
                foreach (var t in targets)
                {
                    sum += t;
                }

                return [sum / targets.Length];
            case ModelTask.BinaryClassification:
                var positives = targets.Count(t => t == 1);
                var p = Math.Clamp((double)positives / targets.Length, 1e-6, 1 - 1e-6);
                return [Math.Log(p / (1 - p))];
            default:
                var counts = new double[Width];
                foreach (var t in targets)
                {
                    counts[(int)t]++;
                }

                return counts.Select(c => Math.Log(Math.Max(c / targets.Length, 1e-6))).ToArray();
        }
    }

    /// <summary>Writes each output's gradient and hessian for rows [from, to).</summary>
    public void Gradients(double[] margins, double[] targets, float[][] gradients, float[][] hessians, int from, int to)
    {
        Span<double> probabilities = stackalloc double[Width];
        for (var row = from; row < to; row++)
        {
            switch (Task)
            {
                case ModelTask.Regression:
                    gradients[0][row] = (float)(margins[row] - targets[row]);
                    hessians[0][row] = 1f;
                    break;
                case ModelTask.BinaryClassification:
                    var p = Sigmoid(margins[row]);
                    gradients[0][row] = (float)(p - targets[row]);
                    hessians[0][row] = (float)Math.Max(p * (1 - p), MinHessian);
                    break;
                default:
                    Softmax(margins.AsSpan(row * Width, Width), probabilities);
                    for (var k = 0; k < Width; k++)
                    {
                        var pk = probabilities[k];
                        gradients[k][row] = (float)(pk - (targets[row] == k ? 1 : 0));
                        hessians[k][row] = (float)Math.Max(pk * (1 - pk), MinHessian);
                    }

                    break;
            }
        }
    }

    /// <summary>The mean loss over every row, summed in row order so it never depends on threading.</summary>
    public double Loss(double[] margins, double[] targets)
    {
        var total = 0.0;
        Span<double> probabilities = stackalloc double[Width];
        for (var row = 0; row < targets.Length; row++)
        {
            switch (Task)
            {
                case ModelTask.Regression:
                    var error = margins[row] - targets[row];
                    total += error * error;
                    break;
                case ModelTask.BinaryClassification:
                    var p = Sigmoid(margins[row]);
                    total -= Math.Log(Math.Clamp(targets[row] == 1 ? p : 1 - p, 1e-15, 1));
                    break;
                default:
                    Softmax(margins.AsSpan(row * Width, Width), probabilities);
                    total -= Math.Log(Math.Clamp(probabilities[(int)targets[row]], 1e-15, 1));
                    break;
            }
        }

        return total / Math.Max(1, targets.Length);
    }

    /// <summary>Turns one row's margins into what <see cref="Predictions"/> holds: class probabilities or the value.</summary>
    public static void Transform(ModelTask task, ReadOnlySpan<double> margins, Span<double> output)
    {
        switch (task)
        {
            case ModelTask.Regression:
                output[0] = margins[0];
                break;
            case ModelTask.BinaryClassification:
                var p = Sigmoid(margins[0]);
                output[0] = 1 - p;
                output[1] = p;
                break;
            default:
                Softmax(margins, output);
                break;
        }
    }

    public static double Sigmoid(double margin) => 1 / (1 + Math.Exp(-margin));

    private static void Softmax(ReadOnlySpan<double> margins, Span<double> output)
    {
        var max = double.NegativeInfinity;
        foreach (var m in margins)
        {
            max = Math.Max(max, m);
        }

        var sum = 0.0;
        for (var k = 0; k < margins.Length; k++)
        {
            output[k] = Math.Exp(margins[k] - max);
            sum += output[k];
        }

        for (var k = 0; k < margins.Length; k++)
        {
            output[k] /= sum;
        }
    }
}
