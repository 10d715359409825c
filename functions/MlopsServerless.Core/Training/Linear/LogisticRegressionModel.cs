using System.Text.Json;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Linear;

/// <summary>A fitted logistic regression (binary: sigmoid; multiclass: softmax).</summary>
public sealed class LogisticRegressionModel : TrainedModel
{
    private readonly LogisticRegressionBody _body;

    public LogisticRegressionModel(ModelSignature signature, IReadOnlyDictionary<string, string> parameters, LogisticRegressionBody body)
    {
        Signature = signature;
        Parameters = parameters;
        _body = body;
    }

    public override string Algorithm => LogisticRegressionTrainer.Name;

    public override ModelSignature Signature { get; }

    public override IReadOnlyDictionary<string, string> Parameters { get; }

    public override object Body => _body;

    /// <summary>The fitted coefficients, intercepts and featurizer.</summary>
    public LogisticRegressionBody Fitted => _body;

    /// <summary>Reads a model from its file envelope (the <see cref="TrainerCatalog"/> reader).</summary>
    public static LogisticRegressionModel Read(ModelEnvelope envelope) =>
        new(envelope.Signature, envelope.Parameters,
            envelope.Body.Deserialize<LogisticRegressionBody>(ModelFormat.JsonOptions) ?? throw new JsonException("The model body is empty."));

    public override Predictions Predict(Table features)
    {
        // Sparse rows: a row costs its inputs, not the one-hot width (and the one-hot matrix is never built).
        var x = _body.Featurizer.TransformSparse(features);
        var classes = Signature.Classes.Count;
        var p = x.ColumnCount;
        var values = new double[x.RowCount * classes];
        var scores = new double[_body.Outputs];
        for (var row = 0; row < x.RowCount; row++)
        {
            for (var k = 0; k < _body.Outputs; k++)
            {
                scores[k] = x.Score(row, _body.Coefficients.AsSpan(k * p, p), _body.Intercepts[k]);
            }

            var output = values.AsSpan(row * classes, classes);
            if (_body.Outputs == 1)
            {
                var positive = LogisticLoss.Sigmoid(scores[0]);
                output[0] = 1 - positive;
                output[1] = positive;
            }
            else
            {
                Softmax(scores, output);
            }
        }

        return new Predictions(Signature.Task, Signature.Classes, x.RowCount, values);
    }

    private static void Softmax(double[] scores, Span<double> output)
    {
        var max = scores.Max();
        double total = 0;
        for (var k = 0; k < scores.Length; k++)
        {
            output[k] = Math.Exp(scores[k] - max);
            total += output[k];
        }

        for (var k = 0; k < scores.Length; k++)
        {
            output[k] /= total;
        }
    }
}
