using System.Numerics;
using MlopsServerless.Core.Features;
using MlopsServerless.Core.Training.Optimization;

namespace MlopsServerless.Core.Training.Linear;

/// <summary>
/// The L2-regularized logistic loss, divided by the row count so the gradient tolerance means the same for any data
/// size: <c>(1/n) [sum_i loss_i + (l2/2) ||W||^2]</c>, intercepts not penalized. With <c>l2 = 1/C</c> this has the same
/// minimizer as scikit-learn's <c>C * sum_i loss_i + ||W||^2 / 2</c>. Binary uses one weight vector (sigmoid);
/// multiclass uses one per class (softmax), as scikit-learn's multinomial lbfgs does. Parameters are laid out per
/// output as <c>[w_0 .. w_{p-1}, b]</c>.
/// </summary>
/// <remarks>
/// <para>Each categorical input has exactly one hot column per row, so adding a constant to the weights of the columns it
/// uses and subtracting it from the intercept changes no score: only the penalty sees that direction, its curvature is
/// <c>l2/n</c>, and L-BFGS crawled along it for most of its iterations (167 on 800k rows, against about 50 without it).
/// The optimum has those weights summing to zero, so the loss is evaluated at <see cref="Center"/>(theta), which moves
/// their mean into the intercept, with the chain-rule gradient: the same minimum, those directions exactly flat, and at
/// a centered point the gradient is the plain one, so the tolerance keeps its meaning. Columns no training row uses
/// (the "other" bucket, usually) are left out, so their weights stay exactly 0. The trainer centers the solution.</para>
/// <para>Rows are walked in their sparse form (dense values plus one hot column per categorical input), so a row costs its
/// numeric inputs plus one add per categorical input instead of the full one-hot width. Rows are cut into fixed blocks
/// summed in block order, so the value and gradient are the same for any number of threads.</para>
/// </remarks>
internal sealed class LogisticLoss : IDifferentiableFunction
{
    /// <summary>Rows per block: small enough to spread over the cores, large enough that a block's gradient copy is noise.</summary>
    private const int BlockRows = 8192;

    private readonly SparseFeatureMatrix _x;
    private readonly int[] _y;
    private readonly int _outputs;
    private readonly double _l2;
    private readonly int _threads;
    private readonly int _blocks;
    private readonly double[] _blockLoss;
    private readonly double[][] _blockGradient;

    // Per categorical input, the columns some row has hot: the ones Center shifts.
    private readonly int[][] _usedHotColumns;

    public LogisticLoss(SparseFeatureMatrix x, int[] y, int classCount, double l2, int threads)
    {
        _x = x;
        _y = y;
        _outputs = classCount == 2 ? 1 : classCount;
        _l2 = l2;
        _threads = Math.Max(1, threads);
        _blocks = Math.Max(1, (x.RowCount + BlockRows - 1) / BlockRows);
        _blockLoss = new double[_blocks];
        _blockGradient = new double[_blocks][];
        _usedHotColumns = UsedHotColumns(x);
    }

    public int Outputs => _outputs;

    public int Dimension => _outputs * (_x.ColumnCount + 1);

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var p = _x.ColumnCount;
        var stride = p + 1;
        var n = _x.RowCount;
        var weights = theta.ToArray();
        Center(weights);
        var denseWeights = DenseWeights(weights);
        if (_threads == 1 || _blocks == 1)
        {
            for (var block = 0; block < _blocks; block++)
            {
                EvaluateBlock(block, weights, denseWeights);
            }
        }
        else
        {
            Parallel.For(0, _blocks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, block => EvaluateBlock(block, weights, denseWeights));
        }

        gradient.Clear();
        double loss = 0;
        for (var block = 0; block < _blocks; block++)
        {
            loss += _blockLoss[block];
            var partial = _blockGradient[block];
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] += partial[i];
            }
        }

        double penalty = 0;
        for (var k = 0; k < _outputs; k++)
        {
            for (var j = 0; j < p; j++)
            {
                var w = weights[(k * stride) + j];
                penalty += w * w;
                gradient[(k * stride) + j] += _l2 * w;
            }
        }

        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] /= n;
        }

        // Chain rule through Center: a block weight also moved the intercept by 1/width and every weight of its block.
        for (var k = 0; k < _outputs; k++)
        {
            var intercept = gradient[(k * stride) + p];
            foreach (var columns in _usedHotColumns)
            {
                double sum = 0;
                foreach (var j in columns)
                {
                    sum += gradient[(k * stride) + j];
                }

                var shift = (intercept - sum) / columns.Length;
                foreach (var j in columns)
                {
                    gradient[(k * stride) + j] += shift;
                }
            }
        }

        return (loss + (0.5 * _l2 * penalty)) / n;
    }

    /// <summary>Moves the mean of each categorical input's used-column weights into the intercept, per output: no
    /// training row's score changes.</summary>
    public void Center(Span<double> theta)
    {
        var stride = _x.ColumnCount + 1;
        for (var k = 0; k < _outputs; k++)
        {
            foreach (var columns in _usedHotColumns)
            {
                double sum = 0;
                foreach (var j in columns)
                {
                    sum += theta[(k * stride) + j];
                }

                var mean = sum / columns.Length;
                foreach (var j in columns)
                {
                    theta[(k * stride) + j] -= mean;
                }

                theta[(k * stride) + stride - 1] += mean;
            }
        }
    }

    private static int[][] UsedHotColumns(SparseFeatureMatrix x)
    {
        var used = new bool[x.HotCount][];
        for (var h = 0; h < used.Length; h++)
        {
            used[h] = new bool[x.ColumnCount];
        }

        for (var row = 0; row < x.RowCount; row++)
        {
            var hot = x.Hot(row);
            for (var h = 0; h < hot.Length; h++)
            {
                used[h][hot[h]] = true;
            }
        }

        return used.Select(seen => Enumerable.Range(0, seen.Length).Where(j => seen[j]).ToArray()).ToArray();
    }

    /// <summary>1 / (1 + e^-z) without overflow.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    // Per output, the weights of the dense columns in slot order, so the inner loops read them contiguously.
    private double[] DenseWeights(double[] weights)
    {
        var columns = _x.DenseColumns;
        var stride = _x.ColumnCount + 1;
        var dense = new double[_outputs * columns.Length];
        for (var k = 0; k < _outputs; k++)
        {
            for (var slot = 0; slot < columns.Length; slot++)
            {
                dense[(k * columns.Length) + slot] = weights[(k * stride) + columns[slot]];
            }
        }

        return dense;
    }

    private void EvaluateBlock(int block, double[] weights, double[] denseWeights)
    {
        var p = _x.ColumnCount;
        var stride = p + 1;
        var width = _x.DenseColumns.Length;
        var gradient = _blockGradient[block] ??= new double[_outputs * stride];
        Array.Clear(gradient);

        // Dense-column gradient sums in slot order, scattered to their columns once per block.
        var denseGradient = new double[_outputs * width];
        Span<double> scores = stackalloc double[_outputs];
        var first = block * BlockRows;
        var last = Math.Min(_x.RowCount, first + BlockRows);
        double loss = 0;
        for (var row = first; row < last; row++)
        {
            var values = _x.Dense(row);
            var hot = _x.Hot(row);
            for (var k = 0; k < _outputs; k++)
            {
                var w = weights.AsSpan(k * stride, stride);
                var z = w[p] + Dot(denseWeights.AsSpan(k * width, width), values);
                foreach (var column in hot)
                {
                    z += w[column];
                }

                scores[k] = z;
            }

            var target = _y[row];
            if (_outputs == 1)
            {
                // One exponential for both: e = exp(-|z|) gives softplus(z) = max(z, 0) + log(1 + e) and the sigmoid.
                var z = scores[0];
                var e = Math.Exp(-Math.Abs(z));
                loss += Math.Max(z, 0) + Math.Log(1 + e) - (target * z);
                var probability = z >= 0 ? 1 / (1 + e) : e / (1 + e);
                AddRow(gradient.AsSpan(0, stride), denseGradient.AsSpan(0, width), probability - target, values, hot);
                continue;
            }

            var max = double.NegativeInfinity;
            for (var k = 0; k < _outputs; k++)
            {
                max = Math.Max(max, scores[k]);
            }

            double total = 0;
            for (var k = 0; k < _outputs; k++)
            {
                total += Math.Exp(scores[k] - max);
            }

            var logTotal = max + Math.Log(total);
            loss += logTotal - scores[target];
            for (var k = 0; k < _outputs; k++)
            {
                var residual = Math.Exp(scores[k] - logTotal) - (k == target ? 1 : 0);
                AddRow(gradient.AsSpan(k * stride, stride), denseGradient.AsSpan(k * width, width), residual, values, hot);
            }
        }

        for (var k = 0; k < _outputs; k++)
        {
            for (var slot = 0; slot < width; slot++)
            {
                gradient[(k * stride) + _x.DenseColumns[slot]] += denseGradient[(k * width) + slot];
            }
        }

        _blockLoss[block] = loss;
    }

    private static void AddRow(Span<double> gradient, Span<double> denseGradient, double residual, ReadOnlySpan<double> values, ReadOnlySpan<int> hot)
    {
        // Element by element, so the vector width never changes a bit of the result.
        var slot = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<double>(residual);
            for (; slot <= values.Length - Vector<double>.Count; slot += Vector<double>.Count)
            {
                var sum = new Vector<double>(denseGradient[slot..]) + (scale * new Vector<double>(values[slot..]));
                sum.CopyTo(denseGradient[slot..]);
            }
        }

        for (; slot < values.Length; slot++)
        {
            denseGradient[slot] += residual * values[slot];
        }

        foreach (var column in hot)
        {
            gradient[column] += residual;
        }

        gradient[^1] += residual;
    }

    // Four independent partial sums in a fixed order (not Vector<double>, whose width differs between machines): the
    // same bits on every machine and thread count, without one long chain of dependent adds per row.
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var i = 0;
        for (; i <= a.Length - 4; i += 4)
        {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }

        for (; i < a.Length; i++)
        {
            s0 += a[i] * b[i];
        }

        return (s0 + s1) + (s2 + s3);
    }
}
