using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training;

/// <summary>Chooses the task a label column implies, unless the user said which.</summary>
public static class TaskDetector
{
    /// <summary>A numeric label with at most this many distinct integer values is read as classes, not a quantity.</summary>
    public const int MaxIntegerClasses = 10;

    /// <summary>
    /// Boolean or two-level labels are binary; categorical labels with more levels are multiclass; numeric labels are
    /// regression unless they hold only a few distinct integers (0/1 flags, 1-5 ratings), which are classes.
    /// </summary>
    public static ModelTask Detect(Column label)
    {
        switch (label)
        {
            case NumericColumn { Kind: ColumnKind.Boolean }:
                return ModelTask.BinaryClassification;
            case CategoricalColumn c:
                return c.Codes.Where(code => code >= 0).Distinct().Count() <= 2 ? ModelTask.BinaryClassification : ModelTask.MulticlassClassification;
            case NumericColumn n:
                var distinct = new HashSet<double>();
                foreach (var v in n.Values)
                {
                    if (double.IsNaN(v))
                    {
                        continue;
                    }

                    distinct.Add(v);
                    if (v != Math.Floor(v) || distinct.Count > MaxIntegerClasses)
                    {
                        return ModelTask.Regression;
                    }
                }

                return distinct.Count <= 2 ? ModelTask.BinaryClassification : ModelTask.MulticlassClassification;
            default:
                return ModelTask.Regression;
        }
    }
}
