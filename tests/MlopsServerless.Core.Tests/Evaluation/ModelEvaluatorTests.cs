using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Tests.Training;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Linear;

namespace MlopsServerless.Core.Tests.Evaluation;

public sealed class ModelEvaluatorTests
{
    [Fact]
    public async Task Evaluate_Binary_ReportsEveryMetricAndSkipsMissingLabels()
    {
        var table = await LinearTestData.BinaryAsync();
        var model = new LogisticRegressionTrainer().Train(LinearTestData.Request(table, "label_bin", ModelTask.BinaryClassification), CancellationToken.None);

        var evaluation = ModelEvaluator.Evaluate(model, table);

        // Five of the 240 rows have no label.
        Assert.Equal(235, evaluation.RowCount);
        Assert.Equal(MetricCatalog.For(ModelTask.BinaryClassification).Order(StringComparer.Ordinal), evaluation.Metrics.Keys);
        Assert.All(evaluation.Metrics.Values, v => Assert.True(double.IsFinite(v)));
        Assert.NotNull(evaluation.Confusion);
        Assert.Equal(235, evaluation.Confusion.Counts.Sum(row => row.Sum()));
        var accuracy = (double)(evaluation.Confusion.Counts[0][0] + evaluation.Confusion.Counts[1][1]) / 235;
        Assert.Equal(accuracy, evaluation.Metrics["accuracy"], 12);
    }

    [Fact]
    public async Task Evaluate_LabelOutsideModelClasses_ThrowsInvalidArgument()
    {
        var table = await LinearTestData.MulticlassAsync();
        var model = new LogisticRegressionTrainer().Train(LinearTestData.Request(table, "label_multi", ModelTask.MulticlassClassification), CancellationToken.None);
        var other = new Table([new CategoricalColumn("label_multi", [0], ["fox"]), new NumericColumn("x1", ColumnKind.Numeric, [1.0])]);

        var e = Assert.Throws<MlopsException>(() => ModelEvaluator.Evaluate(model, other));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("fox", e.Message);
    }

    [Fact]
    public async Task Evaluate_SingleClassInLabels_ThrowsFailedPrecondition()
    {
        var table = await LinearTestData.MulticlassAsync();
        var model = new LogisticRegressionTrainer().Train(LinearTestData.Request(table, "label_multi", ModelTask.MulticlassClassification), CancellationToken.None);
        var cats = new Table([new CategoricalColumn("label_multi", [0, 0], ["cat"]), new NumericColumn("x1", ColumnKind.Numeric, [1.0, 2.0])]);

        var e = Assert.Throws<MlopsException>(() => ModelEvaluator.Evaluate(model, cats));

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
    }

    [Fact]
    public async Task Evaluate_NoLabelColumn_ThrowsNotFound()
    {
        var table = await LinearTestData.RegressionAsync();
        var model = new RidgeRegressionTrainer().Train(LinearTestData.Request(table, "target", ModelTask.Regression), CancellationToken.None);

        var e = Assert.Throws<MlopsException>(() => ModelEvaluator.Evaluate(model, table.Without("target")));

        Assert.Equal(ErrorCode.NotFound, e.Code);
    }
}
