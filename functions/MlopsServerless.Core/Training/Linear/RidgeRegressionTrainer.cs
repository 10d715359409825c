using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Features;
using MlopsServerless.Core.Training.Optimization;

namespace MlopsServerless.Core.Training.Linear;

/// <summary>
/// Linear regression with an L2 (ridge) penalty on the featurized data, solved in closed form: features and target are
/// centered (so the intercept is not penalized), then <c>(Xc'Xc + alpha I) w = Xc'yc</c> is solved by Cholesky, as
/// scikit-learn's Ridge does. Parameters: <c>alpha</c> (defaults to 1.0, range 0 to 1e9; 0 is ordinary least squares and
/// fails on collinear features), plus the featurizer's <c>missing_indicators</c>, <c>max_levels</c>,
/// <c>min_frequency</c>. The seed is unused: the fit is deterministic.
/// </summary>
public sealed class RidgeRegressionTrainer : ITrainer
{
    /// <summary>The algorithm name, "linear".</summary>
    public const string Name = "linear";

    public string Algorithm => Name;

    public bool Supports(ModelTask task) => task == ModelTask.Regression;

    /// <summary>The catalog entry for this algorithm.</summary>
    public static AlgorithmRegistration Registration { get; } = new(Name, () => new RidgeRegressionTrainer(), RidgeRegressionModel.Read);

    public TrainedModel Train(TrainingRequest request, CancellationToken cancellationToken)
    {
        var parameters = new TrainingParameters(Name, request.Parameters);
        var alpha = parameters.Double("alpha", 1.0, 0, 1e9);
        var options = FeaturizerOptions.Read(parameters);
        parameters.RejectUnknown();
        if (!Supports(request.Task))
        {
            throw MlopsException.InvalidArgument($"{Name} fits regression only, not {request.Task}; use 'logreg' for classification.");
        }

        var rows = LabeledRows.From(request);
        var featurizer = Featurizer.Fit(rows.Features, rows.Inputs.Select(i => i.Name).ToList(), options);
        var x = featurizer.Transform(rows.Features);
        cancellationToken.ThrowIfCancellationRequested();
        var (coefficients, intercept) = Solve(x, rows.Values, alpha);
        var body = new RidgeRegressionBody(featurizer, featurizer.OutputNames(), coefficients, intercept);
        var signature = new ModelSignature(rows.Inputs, request.Label, ModelTask.Regression, []);
        return new RidgeRegressionModel(signature, parameters.Used, body);
    }

    private static (double[] Coefficients, double Intercept) Solve(Features.FeatureMatrix x, double[] y, double alpha)
    {
        var n = x.RowCount;
        var p = x.ColumnCount;
        var xMean = new double[p];
        double yMean = 0;
        for (var row = 0; row < n; row++)
        {
            var input = x.Row(row);
            for (var j = 0; j < p; j++)
            {
                xMean[j] += input[j];
            }

            yMean += y[row];
        }

        for (var j = 0; j < p; j++)
        {
            xMean[j] /= n;
        }

        yMean /= n;
        var gram = new double[p * p];
        var moment = new double[p];
        var centered = new double[p];
        for (var row = 0; row < n; row++)
        {
            var input = x.Row(row);
            for (var j = 0; j < p; j++)
            {
                centered[j] = input[j] - xMean[j];
            }

            var target = y[row] - yMean;
            for (var i = 0; i < p; i++)
            {
                moment[i] += centered[i] * target;
                for (var j = 0; j <= i; j++)
                {
                    gram[(i * p) + j] += centered[i] * centered[j];
                }
            }
        }

        for (var i = 0; i < p; i++)
        {
            gram[(i * p) + i] += alpha;
        }

        var w = p == 0 ? [] : Cholesky.Solve(gram, moment, p);
        var intercept = yMean;
        for (var j = 0; j < p; j++)
        {
            intercept -= w[j] * xMean[j];
        }

        return (w, intercept);
    }
}
