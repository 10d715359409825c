using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Gbdt;

namespace MlopsServerless.Core.Tests.Training.Gbdt;

/// <summary>The dense-row paths (compact forest) must give bit-for-bit the predictions of <see cref="GbdtModel.Predict"/>.</summary>
public sealed class GbdtFastPathTests
{
    private static readonly GbdtTrainer Trainer = new();

    [Theory]
    [InlineData(ModelTask.BinaryClassification, "30")]
    [InlineData(ModelTask.Regression, "23")]
    [InlineData(ModelTask.MulticlassClassification, "9")]
    public void PredictBatchAndRow_MissingValuesAndUnseenCategories_EqualPredictOnATable(ModelTask task, string trees)
    {
        var model = (GbdtModel)Trainer.Train(
            GbdtData.Request(GbdtData.Mixed(4000, seed: 11, task), "y", task, new Dictionary<string, string> { ["n_estimators"] = trees, ["max_depth"] = "5" }),
            CancellationToken.None);

        // Other rows than training: missing cells, levels never seen in training, values outside the training range.
        var probe = GbdtData.Mixed(1001, seed: 12, task, unseenLevels: true);
        GbdtLayouts.AssertAllEqualTablePredictions(model, probe);
    }

    [Fact]
    public void PredictRow_ValuesEqualToBinEdges_GoTheSameWayAsBinnedRows()
    {
        // Probing with the training values themselves hits every cut point exactly (value == edge is the boundary).
        var table = GbdtData.Mixed(3000, seed: 21, ModelTask.BinaryClassification);
        var model = (GbdtModel)Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification), CancellationToken.None);
        var expected = model.Predict(table).Values;
        var rows = model.DenseRows(table);
        var batch = new double[expected.Length];

        model.PredictBatch(rows, batch);

        Assert.Equal(expected, batch);
    }
}
