using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Evaluation;

/// <summary>A model's metrics on one table: the task, the rows scored (labelled rows only), every metric of
/// <see cref="MetricCatalog.For"/> by name, and for classification the confusion matrix.</summary>
public sealed record ModelEvaluation(ModelTask Task, int RowCount, IReadOnlyDictionary<string, double> Metrics, ConfusionMatrix? Confusion);
