using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Linear;
using MlopsServerless.MLNet.Learners;

namespace MlopsServerless.MLNet;

/// <summary>
/// Fits one ML.NET learner behind our trainer port. The featurization is an ML.NET pipeline fitted on the training rows
/// and saved inside the model zip: numbers concatenated (missing ones replaced by the training mean, unless the learner
/// handles NaN), each categorical column one-hot encoded (an unseen or missing level encodes as all zeros), and the
/// features standardized for linear learners. <c>MLContext(seed)</c> makes it reproducible; see each learner for threads.
/// </summary>
internal sealed class MlNetTrainer(IMlNetLearner learner) : ITrainer
{
    private const string Numbers = "__mlops_numbers";
    private const string Features = "__mlops_features";

    public string Algorithm => learner.Name;

    public bool Supports(ModelTask task) => learner.Supports(task);

    public TrainedModel Train(TrainingRequest request, CancellationToken cancellationToken)
    {
        var parameters = new TrainingParameters(learner.Name, request.Parameters);
        if (!learner.Supports(request.Task))
        {
            throw MlopsException.InvalidArgument($"{learner.Name} does not fit {request.Task}.");
        }

        var ml = new MLContext(request.Seed);
        var trainer = learner.Create(ml, request.Task, parameters, request.Seed, Features, TableDataView.LabelColumn);
        parameters.RejectUnknown();
        var rows = LabeledRows.From(request);
        cancellationToken.ThrowIfCancellationRequested();

        var data = TableDataView.ForTraining(rows.Features, rows.Inputs, request.Task, rows.Encoding.Classes.Count, rows.Classes, rows.Values);
        ITransformer model;
        try
        {
            model = Featurization(ml, rows.Inputs).Append(trainer).Fit(data);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException || e.InnerException is DllNotFoundException)
        {
            throw MlopsException.FailedPrecondition(
                $"{learner.Name} cannot load its native library ({e.Message}). LightGBM needs libgomp1: apt-get install -y libgomp1.");
        }

        cancellationToken.ThrowIfCancellationRequested();

        var signature = new ModelSignature(rows.Inputs, request.Label, request.Task, rows.Encoding.Classes);
        var zip = MlNetZip.Save(ml, model, TableDataView.InputSchema(rows.Inputs));
        return new MlNetModel(learner.Name, signature, parameters.Used, zip, model);
    }

    private IEstimator<ITransformer> Featurization(MLContext ml, IReadOnlyList<FeatureSpec> inputs)
    {
        var numbers = inputs.Where(i => i.Kind != ColumnKind.Categorical).Select(i => i.Name).ToArray();
        var categories = inputs.Where(i => i.Kind == ColumnKind.Categorical).Select(i => i.Name).ToArray();
        var parts = new List<string>();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        if (numbers.Length > 0)
        {
            pipeline = pipeline.Append(ml.Transforms.Concatenate(Numbers, numbers));
            if (learner.ImputesMissing)
            {
                pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(Numbers, replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean));
            }

            parts.Add(Numbers);
        }

        if (categories.Length > 0)
        {
            var encoded = categories.Select((c, i) => new InputOutputColumnPair("__mlops_onehot_" + i, c)).ToArray();
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(encoded, OneHotEncodingEstimator.OutputKind.Indicator));
            parts.AddRange(encoded.Select(e => e.OutputColumnName));
        }

        pipeline = pipeline.Append(ml.Transforms.Concatenate(Features, [.. parts]));
        return learner.NeedsNormalization ? pipeline.Append(ml.Transforms.NormalizeMeanVariance(Features)) : pipeline;
    }
}
