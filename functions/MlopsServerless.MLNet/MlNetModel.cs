using Microsoft.ML;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML.Data;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet;

/// <summary>
/// A fitted ML.NET pipeline (featurization + learner) as one of our models. Its fitted state is <c>model.zip</c>, stored
/// next to <c>model.json</c>. <see cref="Predict"/> is thread-safe: each call scores its rows with a <see cref="RowScorer"/>
/// taken from an ObjectPool for the call (ML.NET's PredictionEngine is not thread-safe and Microsoft.Extensions.ML's pool
/// is not available). On 20k-row batches this was 3-5x cheaper per row than streaming them through
/// <see cref="ITransformer.Transform"/> (bench/RESULTS.md, ML.NET section).
/// </summary>
internal sealed class MlNetModel : TrainedModel
{
    /// <summary>The attachment extension: the zip lives at <c>model.zip</c>.</summary>
    public const string ZipExtension = "zip";

    private readonly ITransformer _model;
    private readonly MlNetBody _body;
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _attachments;
    private readonly ObjectPool<RowScorer> _scorers;

    public MlNetModel(string algorithm, ModelSignature signature, IReadOnlyDictionary<string, string> parameters, byte[] zip, ITransformer model)
    {
        Algorithm = algorithm;
        Signature = signature;
        Parameters = parameters;
        _model = model;
        _attachments = new() { [ZipExtension] = zip };
        _body = new MlNetBody(
            "mlnet",
            "Microsoft.ML " + typeof(MLContext).Assembly.GetName().Version?.ToString(3),
            signature.Inputs.Select(i => new MlNetInput(i.Name, i.Kind == ColumnKind.Categorical ? "String" : "Single")).ToList(),
            signature.Task == ModelTask.BinaryClassification ? "Probability" : "Score");
        _scorers = new DefaultObjectPool<RowScorer>(new ScorerPolicy(model, TableDataView.InputSchema(signature.Inputs), _body.Output), Environment.ProcessorCount * 2);
    }


    public override string Algorithm { get; }

    public override ModelSignature Signature { get; }

    public override IReadOnlyDictionary<string, string> Parameters { get; }

    public override object Body => _body;

    public override IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Attachments => _attachments;

    /// <summary>Reads a model from its envelope and the zip attached to it.</summary>
    /// <exception cref="MlopsException">InvalidArgument when the zip is missing, not an ML.NET model, or made for other inputs.</exception>
    public static TrainedModel Read(ModelEnvelope envelope)
    {
        if (!envelope.AttachedFiles.TryGetValue(ZipExtension, out var zip))
        {
            throw MlopsException.InvalidArgument($"The '{envelope.Algorithm}' model needs its model.zip.");
        }

        var (model, schema) = MlNetZip.Load(new MLContext(0), zip);
        foreach (var input in envelope.Signature.Inputs)
        {
            var expected = input.Kind == ColumnKind.Categorical ? (DataViewType)TextDataViewType.Instance : NumberDataViewType.Single;
            if (schema.GetColumnOrNull(input.Name) is not { } column || !column.Type.Equals(expected))
            {
                throw MlopsException.InvalidArgument($"model.zip was not saved for this model: it has no {expected} input column '{input.Name}'.");
            }
        }

        return new MlNetModel(envelope.Algorithm, envelope.Signature, envelope.Parameters, zip.ToArray(), model);
    }

    public override Predictions Predict(Table features)
    {
        var view = TableDataView.ForPrediction(features, Signature.Inputs);
        var width = Signature.Task == ModelTask.Regression ? 1 : Signature.Classes.Count;
        var values = new double[features.RowCount * width];
        var scorer = _scorers.Get();
        try
        {
            for (var row = 0; row < features.RowCount; row++)
            {
                scorer.Score(view, row, Signature.Task, values.AsSpan(row * width, width));
            }
        }
        finally
        {
            _scorers.Return(scorer);
        }

        return new Predictions(Signature.Task, Signature.Classes, features.RowCount, values);
    }

    private sealed class ScorerPolicy(ITransformer model, DataViewSchema schema, string output) : PooledObjectPolicy<RowScorer>
    {
        public override RowScorer Create() => new(model, schema, output);

        public override bool Return(RowScorer obj) => true;
    }
}
