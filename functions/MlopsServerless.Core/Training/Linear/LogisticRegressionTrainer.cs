using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Features;
using MlopsServerless.Core.Training.Optimization;

namespace MlopsServerless.Core.Training.Linear;

/// <summary>
/// Logistic regression, binary and multinomial, with an L2 penalty, fitted by L-BFGS on featurized data (median
/// imputation, standardization, one-hot). Parameters: <c>l2</c> (penalty strength, 1/C in scikit-learn terms; defaults to
/// 1.0, range 0 to 1e9), <c>max_iter</c> (defaults to 1000), <c>tol</c> (gradient tolerance on the per-row objective;
/// defaults to 1e-8), <c>threads</c> (defaults to the processor count; never changes the model, so it is not recorded),
/// plus the featurizer's <c>missing_indicators</c> (defaults to true), <c>max_levels</c> (defaults to 256),
/// <c>min_frequency</c>: see <see cref="FeaturizerOptions"/>. The seed is unused: the fit is deterministic.
/// </summary>
public sealed class LogisticRegressionTrainer : ITrainer
{
    /// <summary>The algorithm name, "logreg".</summary>
    public const string Name = "logreg";

    private const string ThreadsParameter = "threads";

    public string Algorithm => Name;

    public bool Supports(ModelTask task) => task is ModelTask.BinaryClassification or ModelTask.MulticlassClassification;

    /// <summary>The catalog entry for this algorithm.</summary>
    public static AlgorithmRegistration Registration { get; } = new(Name, () => new LogisticRegressionTrainer(), LogisticRegressionModel.Read);

    public TrainedModel Train(TrainingRequest request, CancellationToken cancellationToken)
    {
        var parameters = new TrainingParameters(Name, request.Parameters);
        var l2 = parameters.Double("l2", 1.0, 0, 1e9);
        var maxIterations = parameters.Int("max_iter", 1000, 1, 1_000_000);
        var tolerance = parameters.Double("tol", 1e-8, 1e-15, 1);
        var threads = parameters.Int(ThreadsParameter, Environment.ProcessorCount, 1, 1024);
        var options = FeaturizerOptions.Read(parameters);
        parameters.RejectUnknown();
        if (!Supports(request.Task))
        {
            throw MlopsException.InvalidArgument($"{Name} fits classification only, not {request.Task}; use 'linear' for regression.");
        }

        var rows = LabeledRows.From(request);
        var featurizer = Featurizer.Fit(rows.Features, rows.Inputs.Select(i => i.Name).ToList(), options);
        var x = featurizer.TransformSparse(rows.Features);
        var loss = new LogisticLoss(x, rows.Classes, rows.Encoding.Classes.Count, l2, threads);
        var result = Lbfgs.Minimize(loss, new double[loss.Dimension], tolerance, maxIterations, 10, cancellationToken);
        loss.Center(result.Solution);

        var p = x.ColumnCount;
        var coefficients = new double[loss.Outputs * p];
        var intercepts = new double[loss.Outputs];
        for (var k = 0; k < loss.Outputs; k++)
        {
            Array.Copy(result.Solution, k * (p + 1), coefficients, k * p, p);
            intercepts[k] = result.Solution[(k * (p + 1)) + p];
        }

        var body = new LogisticRegressionBody(featurizer, featurizer.OutputNames(), loss.Outputs, coefficients, intercepts, result.Iterations, result.Converged);
        var signature = new ModelSignature(rows.Inputs, request.Label, request.Task, rows.Encoding.Classes);
        var used = parameters.Used.Where(p => p.Key != ThreadsParameter).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new LogisticRegressionModel(signature, used, body);
    }
}
