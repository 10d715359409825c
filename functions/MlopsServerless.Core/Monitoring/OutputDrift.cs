using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// The model's output as one numeric column, so prediction drift is measured like any feature: the positive-class
/// probability (binary), the top-class probability (multiclass) or the predicted value (regression).
/// </summary>
public static class OutputDrift
{
    /// <summary>The column name; the leading underscore keeps it apart from feature names users choose.</summary>
    public const string Column = "_model_output";

    public static NumericColumn Scores(Predictions predictions)
    {
        var values = new double[predictions.RowCount];
        for (var r = 0; r < values.Length; r++)
        {
            var row = predictions.Row(r);
            values[r] = predictions.Task switch
            {
                ModelTask.Regression => row[0],
                ModelTask.BinaryClassification => row[1],
                _ => row[predictions.PredictedClass(r)],
            };
        }

        return new NumericColumn(Column, ColumnKind.Numeric, values);
    }
}
