using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training.Linear;

/// <summary>
/// The training rows that have a label, split into the feature table and the encoded label: class indices for
/// classification, numbers for regression.
/// </summary>
public sealed record LabeledRows(Table Features, int[] Classes, double[] Values, LabelEncoding Encoding, IReadOnlyList<FeatureSpec> Inputs)
{
    /// <summary>The labeled rows of <paramref name="request"/>.Train.</summary>
    /// <exception cref="MlopsException">InvalidArgument when there are no features or no labeled rows.</exception>
    public static LabeledRows From(TrainingRequest request)
    {
        var label = request.Train[request.Label];
        var encoding = LabelEncoding.Fit(label, request.Task);
        var inputs = request.Train.Columns.Where(c => c.Name != request.Label).Select(c => new FeatureSpec(c.Name, c.Kind)).ToList();
        if (inputs.Count == 0)
        {
            throw MlopsException.InvalidArgument($"The training data has no feature columns besides the label '{request.Label}'.");
        }

        List<int> keep = [];
        int[] classes = [];
        double[] values = [];
        if (request.Task == ModelTask.Regression)
        {
            var all = LabelEncoding.EncodeValues(label);
            keep = Enumerable.Range(0, all.Length).Where(i => double.IsFinite(all[i])).ToList();
            values = keep.Select(i => all[i]).ToArray();
        }
        else
        {
            var all = encoding.EncodeClasses(label);
            keep = Enumerable.Range(0, all.Length).Where(i => all[i] >= 0).ToList();
            classes = keep.Select(i => all[i]).ToArray();
        }

        if (keep.Count == 0)
        {
            throw MlopsException.InvalidArgument($"Every row of the training data is missing the label '{request.Label}'.");
        }

        var features = request.Train.Without(request.Label);
        return new LabeledRows(keep.Count == request.Train.RowCount ? features : features.Select(keep), classes, values, encoding, inputs);
    }
}
