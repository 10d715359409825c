using System.Text.Json;
using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training.Linear;

/// <summary>A fitted linear (ridge) regression.</summary>
public sealed class RidgeRegressionModel : TrainedModel
{
    private readonly RidgeRegressionBody _body;

    public RidgeRegressionModel(ModelSignature signature, IReadOnlyDictionary<string, string> parameters, RidgeRegressionBody body)
    {
        Signature = signature;
        Parameters = parameters;
        _body = body;
    }

    public override string Algorithm => RidgeRegressionTrainer.Name;

    public override ModelSignature Signature { get; }

    public override IReadOnlyDictionary<string, string> Parameters { get; }

    public override object Body => _body;

    /// <summary>The fitted coefficients, intercept and featurizer.</summary>
    public RidgeRegressionBody Fitted => _body;

    /// <summary>Reads a model from its file envelope (the <see cref="TrainerCatalog"/> reader).</summary>
    public static RidgeRegressionModel Read(ModelEnvelope envelope) =>
        new(envelope.Signature, envelope.Parameters,
            envelope.Body.Deserialize<RidgeRegressionBody>(ModelFormat.JsonOptions) ?? throw new JsonException("The model body is empty."));

    public override Predictions Predict(Table features)
    {
        // Sparse rows: a row costs its inputs, not the one-hot width (and the one-hot matrix is never built).
        var x = _body.Featurizer.TransformSparse(features);
        var values = new double[x.RowCount];
        for (var row = 0; row < x.RowCount; row++)
        {
            values[row] = x.Score(row, _body.Coefficients, _body.Intercept);
        }

        return new Predictions(ModelTask.Regression, [], x.RowCount, values);
    }
}
