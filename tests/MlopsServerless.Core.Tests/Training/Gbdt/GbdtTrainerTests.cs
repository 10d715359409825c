using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Gbdt;

namespace MlopsServerless.Core.Tests.Training.Gbdt;

public sealed class GbdtTrainerTests
{
    private static readonly GbdtTrainer Trainer = new();

    [Fact]
    public void Train_XorSignal_LearnsWhatNoLinearScoreCan()
    {
        var (train, test) = GbdtData.Split(GbdtData.Xor(4000, seed: 1), 0.75);

        var model = Trainer.Train(GbdtData.Request(train, "y", ModelTask.BinaryClassification), CancellationToken.None);

        var labels = Labels(test, "y");
        var x1 = ((NumericColumn)test["x1"]).Values;
        var x2 = ((NumericColumn)test["x2"]).Values;
        Assert.InRange(TestMetrics.Auc(x1.Zip(x2, (a, b) => a + b).ToArray(), labels), 0.4, 0.6);
        Assert.InRange(TestMetrics.Auc(x1.Zip(x2, (a, b) => a - b).ToArray(), labels), 0.4, 0.6);
        Assert.True(TestMetrics.Auc(PositiveScores(model.Predict(test)), labels) > 0.97);
    }

    [Fact]
    public void Predict_MissingValues_FollowTheSideLearnedInTraining()
    {
        // Positive when x > 0.5, and always positive when x is missing: the missing rows must learn to go right.
        var random = new Random(3);
        var x = new double[3000];
        var y = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = i % 5 == 0 ? double.NaN : random.NextDouble();
            y[i] = double.IsNaN(x[i]) || x[i] > 0.5 ? 1 : 0;
        }

        var model = Trainer.Train(
            GbdtData.Request(new Table([GbdtData.Numeric("x", x), GbdtData.Numeric("y", y)]), "y", ModelTask.BinaryClassification),
            CancellationToken.None);

        var probe = model.Predict(new Table([GbdtData.Numeric("x", [double.NaN, 0.1, 0.9])]));
        Assert.True(probe.Row(0)[1] > 0.9, $"missing: {probe.Row(0)[1]}");
        Assert.True(probe.Row(1)[1] < 0.1, $"0.1: {probe.Row(1)[1]}");
        Assert.True(probe.Row(2)[1] > 0.9, $"0.9: {probe.Row(2)[1]}");
    }

    [Fact]
    public void Predict_UnseenCategory_ScoresLikeMissingWithoutThrowing()
    {
        var random = new Random(5);
        var codes = new int[3000];
        var y = new double[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = random.Next(4) - 1; // -1 = missing
            y[i] = codes[i] is -1 or 2 ? 1 : 0;
        }

        var train = new Table([new CategoricalColumn("c", codes, ["a", "b", "c"]), GbdtData.Numeric("y", y)]);
        var model = Trainer.Train(GbdtData.Request(train, "y", ModelTask.BinaryClassification), CancellationToken.None);

        // A different level order at prediction: levels are matched by text.
        var probe = model.Predict(new Table([new CategoricalColumn("c", [0, 1, 2, 3, -1], ["never-seen", "c", "a", "b"])]));
        Assert.Equal(probe.Row(0)[1], probe.Row(4)[1]);
        Assert.True(probe.Row(4)[1] > 0.9);
        Assert.True(probe.Row(1)[1] > 0.9);
        Assert.True(probe.Row(2)[1] < 0.1);
        Assert.True(probe.Row(3)[1] < 0.1);
    }

    [Fact]
    public void Train_OneAndTwoThreads_WriteByteIdenticalModels()
    {
        // Enough rows that the partition and the histograms are split into several parallel chunks.
        var table = WithCategory(GbdtData.Xor(80_000, seed: 7));
        var parameters = new Dictionary<string, string> { ["subsample"] = "0.8", ["colsample"] = "0.7", ["n_estimators"] = "8" };

        var one = ModelFormat.Serialize(Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification, With(parameters, "threads", "1")), CancellationToken.None));
        var two = ModelFormat.Serialize(Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification, With(parameters, "threads", "2")), CancellationToken.None));
        var again = ModelFormat.Serialize(Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification, With(parameters, "threads", "2")), CancellationToken.None));

        Assert.Equal(one, two);
        Assert.Equal(two, again);
    }

    [Fact]
    public void Train_DifferentSeed_SamplesDifferently()
    {
        var table = GbdtData.Xor(3000, seed: 7);
        var parameters = new Dictionary<string, string> { ["subsample"] = "0.5", ["n_estimators"] = "10" };

        var a = ModelFormat.Serialize(Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification, parameters, seed: 1), CancellationToken.None));
        var b = ModelFormat.Serialize(Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification, parameters, seed: 2), CancellationToken.None));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Train_ValidationStopsImproving_StopsEarlyAndKeepsTheBestRounds()
    {
        // Labels are coin flips: the validation loss stops improving almost at once.
        var random = new Random(11);
        Table Noise(int rows) => new([
            GbdtData.Numeric("x", Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray()),
            GbdtData.Numeric("y", Enumerable.Range(0, rows).Select(_ => (double)random.Next(2)).ToArray()),
        ]);
        var parameters = new Dictionary<string, string> { ["n_estimators"] = "300", ["early_stopping_rounds"] = "5", ["learning_rate"] = "0.3" };

        var model = (GbdtModel)Trainer.Train(GbdtData.Request(Noise(2000), "y", ModelTask.BinaryClassification, parameters, Noise(1000)), CancellationToken.None);

        Assert.InRange(model.TreeCount, 0, 50);
        Assert.Equal("5", model.Parameters["early_stopping_rounds"]);
    }

    [Fact]
    public void Train_Regression_FitsASmoothNonlinearFunction()
    {
        var (train, test) = GbdtData.Split(GbdtData.Regression(5000, seed: 13), 0.8);

        var model = Trainer.Train(GbdtData.Request(train, "y", ModelTask.Regression, new Dictionary<string, string> { ["n_estimators"] = "300" }), CancellationToken.None);

        var actual = ((NumericColumn)test["y"]).Values;
        var predicted = model.Predict(test).Values;
        var spread = TestMetrics.Rmse(Enumerable.Repeat(actual.Average(), actual.Length).ToArray(), actual);
        Assert.True(TestMetrics.Rmse(predicted, actual) < 0.1 * spread, $"rmse {TestMetrics.Rmse(predicted, actual)} vs spread {spread}");
    }

    [Fact]
    public void Train_Multiclass_PredictsBandsWithProbabilitiesThatSumToOne()
    {
        var (train, test) = GbdtData.Split(GbdtData.Multiclass(3000, seed: 17), 0.8);

        var model = (GbdtModel)Trainer.Train(GbdtData.Request(train, "band", ModelTask.MulticlassClassification), CancellationToken.None);
        var predictions = model.Predict(test);

        Assert.Equal(["high", "low", "mid"], model.Signature.Classes);
        Assert.Equal(300, model.TreeCount);
        var truth = (CategoricalColumn)test["band"];
        var correct = Enumerable.Range(0, test.RowCount).Count(r => model.Signature.Classes[predictions.PredictedClass(r)] == truth.ValueAt(r));
        Assert.True(correct > 0.97 * test.RowCount, $"{correct} of {test.RowCount}");
        Assert.All(Enumerable.Range(0, test.RowCount), r => Assert.Equal(1.0, predictions.Row(r).ToArray().Sum(), 9));
    }

    [Fact]
    public void Deserialize_SavedModel_PredictsTheSameAndWritesTheSameBytes()
    {
        var table = WithCategory(GbdtData.Xor(2000, seed: 19));
        var model = Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification, new Dictionary<string, string> { ["n_estimators"] = "20" }), CancellationToken.None);
        var bytes = ModelFormat.Serialize(model);

        var loaded = ModelFormat.Deserialize(bytes);

        Assert.IsType<GbdtModel>(loaded);
        Assert.Equal(bytes, ModelFormat.Serialize(loaded));
        Assert.Equal(model.Predict(table).Values, loaded.Predict(table).Values);
    }

    [Fact]
    public void PredictRow_DenseFloats_AgreesWithPredictOnATable()
    {
        var table = WithCategory(GbdtData.Xor(1000, seed: 23));
        var model = (GbdtModel)Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification, new Dictionary<string, string> { ["n_estimators"] = "30" }), CancellationToken.None);
        var expected = model.Predict(table);
        var inputs = model.Signature.Inputs;
        var rows = new float[table.RowCount * inputs.Count];
        for (var r = 0; r < table.RowCount; r++)
        {
            for (var f = 0; f < inputs.Count; f++)
            {
                rows[(r * inputs.Count) + f] = table[inputs[f].Name] switch
                {
                    CategoricalColumn c => model.EncodeLevel(f, c.ValueAt(r)),
                    NumericColumn n => (float)n.Values[r],
                    _ => float.NaN,
                };
            }
        }

        var batch = new double[table.RowCount * 2];
        model.PredictBatch(rows, batch, threads: 2);
        var single = new double[2];
        model.PredictRow(rows.AsSpan(0, inputs.Count), single);

        Assert.Equal(expected.Values, batch);
        Assert.Equal(expected.Row(0).ToArray(), single);
    }

    [Theory]
    [InlineData("max_depth", "0")]
    [InlineData("learning_rate", "2")]
    [InlineData("max_bins", "256")]
    [InlineData("subsample", "0")]
    [InlineData("max_leaves", "1")]
    [InlineData("cat_smooth", "-1")]
    [InlineData("min_samples_per_category", "0")]
    [InlineData("n_estimators", "many")]
    [InlineData("max_dept", "3")]
    public void Train_BadParameter_IsInvalidArgumentNamingIt(string name, string value)
    {
        var request = GbdtData.Request(GbdtData.Xor(100, seed: 1), "y", ModelTask.BinaryClassification, new Dictionary<string, string> { [name] = value });

        var error = Assert.Throws<MlopsException>(() => Trainer.Train(request, CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainerCatalog_Gbdt_IsRegistered()
    {
        Assert.IsType<GbdtTrainer>(TrainerCatalog.Get("gbdt").CreateTrainer());
    }

    private static Table WithCategory(Table table)
    {
        var random = new Random(table.RowCount);
        var codes = Enumerable.Range(0, table.RowCount).Select(_ => random.Next(6) - 1).ToArray();
        var x1 = ((NumericColumn)table["x1"]).Values.Select((v, i) => i % 7 == 0 ? double.NaN : v).ToArray();
        return new Table([.. table.Columns.Where(c => c.Name != "x1"), GbdtData.Numeric("x1", x1), new CategoricalColumn("shade", codes, ["p", "q", "r", "s", "t"])]);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> parameters, string name, string value) =>
        new(parameters) { [name] = value };

    private static int[] Labels(Table table, string label) => ((NumericColumn)table[label]).Values.Select(v => (int)v).ToArray();

    private static double[] PositiveScores(Predictions predictions) =>
        Enumerable.Range(0, predictions.RowCount).Select(r => predictions.Row(r)[1]).ToArray();
}
