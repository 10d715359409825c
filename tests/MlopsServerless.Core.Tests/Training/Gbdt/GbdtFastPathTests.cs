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
            GbdtData.Request(Mixed(4000, seed: 11, task), "y", task, new Dictionary<string, string> { ["n_estimators"] = trees, ["max_depth"] = "5" }),
            CancellationToken.None);

        // Other rows than training: missing cells, levels never seen in training, values outside the training range.
        var probe = Mixed(1001, seed: 12, task, unseenLevels: true);
        var expected = model.Predict(probe).Values;
        var rows = model.DenseRows(probe);
        var inputs = model.Signature.Inputs.Count;

        foreach (var threads in new[] { 1, 2 })
        {
            var batch = new double[probe.RowCount * model.Width];
            model.PredictBatch(rows, batch, threads);
            Assert.Equal(expected, batch);
        }

        var single = new double[model.Width];
        for (var r = 0; r < probe.RowCount; r++)
        {
            model.PredictRow(rows.AsSpan(r * inputs, inputs), single);
            Assert.Equal(expected.AsSpan(r * model.Width, model.Width).ToArray(), single);
        }
    }

    [Fact]
    public void PredictRow_ValuesEqualToBinEdges_GoTheSameWayAsBinnedRows()
    {
        // Probing with the training values themselves hits every cut point exactly (value == edge is the boundary).
        var table = Mixed(3000, seed: 21, ModelTask.BinaryClassification);
        var model = (GbdtModel)Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification), CancellationToken.None);
        var expected = model.Predict(table).Values;
        var rows = model.DenseRows(table);
        var batch = new double[expected.Length];

        model.PredictBatch(rows, batch);

        Assert.Equal(expected, batch);
    }

    /// <summary>
    /// Two numeric inputs (one with 15% missing), a 40-level categorical input with 10% missing whose level matters,
    /// and a boolean. With <paramref name="unseenLevels"/> the categorical column also holds levels training never saw.
    /// </summary>
    private static Table Mixed(int rows, int seed, ModelTask task, bool unseenLevels = false)
    {
        var random = new Random(seed);
        var a = new double[rows];
        var b = new double[rows];
        var flag = new double[rows];
        var codes = new int[rows];
        var levels = Enumerable.Range(0, unseenLevels ? 50 : 40).Select(i => $"level{i}").ToArray();
        var score = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            a[i] = (random.NextDouble() * (unseenLevels ? 6 : 4)) - 2;
            b[i] = random.NextDouble() < 0.15 ? double.NaN : random.NextDouble() * 10;
            flag[i] = random.Next(2);
            codes[i] = random.NextDouble() < 0.1 ? -1 : random.Next(levels.Length);
            var levelEffect = codes[i] < 0 ? 1.5 : (codes[i] * 7 % 5) - 2;
            score[i] = Math.Sin(2 * a[i]) + (double.IsNaN(b[i]) ? 2 : b[i] / 5) + levelEffect + flag[i] + (0.3 * random.NextDouble());
        }

        var y = task switch
        {
            ModelTask.Regression => (Column)GbdtData.Numeric("y", score),
            ModelTask.BinaryClassification => GbdtData.Numeric("y", score.Select(s => s > 1.5 ? 1.0 : 0.0).ToArray()),
            _ => new CategoricalColumn("y", score.Select(s => s < 0.5 ? 0 : s < 2.5 ? 1 : 2).ToArray(), ["low", "mid", "high"]),
        };
        return new Table([
            GbdtData.Numeric("a", a),
            GbdtData.Numeric("b", b),
            new NumericColumn("flag", ColumnKind.Boolean, flag),
            new CategoricalColumn("c", codes, levels),
            y,
        ]);
    }
}
