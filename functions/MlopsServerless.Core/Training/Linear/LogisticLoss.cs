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
internal sealed class LogisticLoss : IDifferentiableFunction
{
    private readonly FeatureMatrix _x;
    private readonly int[] _y;
    private readonly int _outputs;
    private readonly double _l2;
    private readonly double[] _scores;

    public LogisticLoss(FeatureMatrix x, int[] y, int classCount, double l2)
    {
        _x = x;
        _y = y;
        _outputs = classCount == 2 ? 1 : classCount;
        _l2 = l2;
        _scores = new double[_outputs];
    }

    public int Outputs => _outputs;

    public int Dimension => _outputs * (_x.ColumnCount + 1);

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var p = _x.ColumnCount;
        var stride = p + 1;
        var n = _x.RowCount;
        gradient.Clear();
        double loss = 0;
        for (var row = 0; row < n; row++)
        {
            var features = _x.Row(row);
            for (var k = 0; k < _outputs; k++)
            {
                var w = theta.Slice(k * stride, stride);
                var z = w[p];
                for (var j = 0; j < p; j++)
                {
                    z += w[j] * features[j];
                }

                _scores[k] = z;
            }

            if (_outputs == 1)
            {
                var z = _scores[0];
                var target = _y[row];
                loss += Softplus(z) - (target * z);
                AddRow(gradient, 0, Sigmoid(z) - target, features);
            }
            else
            {
                var max = double.NegativeInfinity;
                for (var k = 0; k < _outputs; k++)
                {
                    max = Math.Max(max, _scores[k]);
                }

                double total = 0;
                for (var k = 0; k < _outputs; k++)
                {
                    total += Math.Exp(_scores[k] - max);
                }

                var logTotal = max + Math.Log(total);
                loss += logTotal - _scores[_y[row]];
                for (var k = 0; k < _outputs; k++)
                {
                    var probability = Math.Exp(_scores[k] - logTotal);
                    AddRow(gradient, k, probability - (k == _y[row] ? 1 : 0), features);
                }
            }
        }

        double penalty = 0;
        for (var k = 0; k < _outputs; k++)
        {
            for (var j = 0; j < p; j++)
            {
                var w = theta[(k * stride) + j];
                penalty += w * w;
                gradient[(k * stride) + j] += _l2 * w;
            }
        }

        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] /= n;
        }

        return (loss + (0.5 * _l2 * penalty)) / n;
    }

    /// <summary>log(1 + e^z) without overflow.</summary>
    public static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    /// <summary>1 / (1 + e^-z) without overflow.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private void AddRow(Span<double> gradient, int output, double residual, ReadOnlySpan<double> features)
    {
        var p = _x.ColumnCount;
        var block = gradient.Slice(output * (p + 1), p + 1);
        for (var j = 0; j < p; j++)
        {
            block[j] += residual * features[j];
        }

        block[p] += residual;
    }
}
