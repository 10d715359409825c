using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Linear;
using static MlopsServerless.Core.Tests.Training.LinearFixtures;

namespace MlopsServerless.Core.Tests.Training;

public sealed class LogisticRegressionTrainerTests
{
    private readonly LogisticRegressionTrainer _trainer = new();

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("10", 0.1)]
    public async Task Train_Binary_MatchesSklearnLogisticRegression(string l2, double sklearnC)
    {
        var table = await LinearTestData.BinaryAsync();
        var (coef, lbfgsCoef, intercept, auc, logLoss) = sklearnC == 1.0
            ? (BinaryCoef, BinaryLbfgsCoef, BinaryIntercept, BinaryAuc, BinaryLogLoss)
            : (BinaryC01Coef, BinaryC01LbfgsCoef, BinaryC01Intercept, BinaryC01Auc, BinaryC01LogLoss);

        // The fixture's featurization: no missing indicators (logreg's default adds them; see the next test).
        var model = (LogisticRegressionModel)_trainer.Train(
            LinearTestData.Request(table, "label_bin", ModelTask.BinaryClassification, ("l2", l2), ("missing_indicators", "false")), CancellationToken.None);
        var fitted = model.Fitted;
        var evaluation = ModelEvaluator.Evaluate(model, table);

        Assert.True(fitted.Converged);
        // The profiler reads yes/no as a boolean column, so "yes" is the positive class "true".
        Assert.Equal(["false", "true"], model.Signature.Classes);
        Assert.Equal(0.0, fitted.Coefficients[fitted.FeatureNames.ToList().IndexOf("color=(other)")]);
        AssertClose(coef, LinearTestData.WithoutOther(fitted.FeatureNames, fitted.Coefficients), 1e-6);
        AssertClose(lbfgsCoef, LinearTestData.WithoutOther(fitted.FeatureNames, fitted.Coefficients), 1e-3);
        Assert.Equal(intercept, fitted.Intercepts[0], 1e-6);
        Assert.Equal(auc, evaluation.Metrics["auc"], 10);
        Assert.Equal(logLoss, evaluation.Metrics["logloss"], 8);
    }

    [Fact]
    public async Task Train_BinaryDefaults_MissingIndicatorsMatchSklearn()
    {
        var table = await LinearTestData.BinaryAsync();

        var model = (LogisticRegressionModel)_trainer.Train(LinearTestData.Request(table, "label_bin", ModelTask.BinaryClassification), CancellationToken.None);
        var fitted = model.Fitted;
        var evaluation = ModelEvaluator.Evaluate(model, table);

        Assert.Equal(["x1", "x2", "x2=(missing)", "const", "color=blue", "color=green", "color=red", "color=violet", "color=(missing)", "flag", "flag=(missing)"],
            fitted.FeatureNames.Where(n => n != "color=(other)"));
        Assert.Equal("true", model.Parameters["missing_indicators"]);
        Assert.Equal("256", model.Parameters["max_levels"]);
        AssertClose(BinaryIndicatorsCoef, LinearTestData.WithoutOther(fitted.FeatureNames, fitted.Coefficients), 1e-6);
        Assert.Equal(BinaryIndicatorsIntercept, fitted.Intercepts[0], 1e-6);
        Assert.Equal(BinaryIndicatorsAuc, evaluation.Metrics["auc"], 10);
        Assert.Equal(BinaryIndicatorsLogLoss, evaluation.Metrics["logloss"], 8);
    }

    [Fact]
    public async Task Train_Multiclass_MatchesSklearnMultinomial()
    {
        var table = await LinearTestData.MulticlassAsync();

        var model = (LogisticRegressionModel)_trainer.Train(
            LinearTestData.Request(table, "label_multi", ModelTask.MulticlassClassification, ("missing_indicators", "false")), CancellationToken.None);
        var fitted = model.Fitted;
        var p = fitted.FeatureNames.Count;
        var coefficients = Enumerable.Range(0, 3)
            .SelectMany(k => LinearTestData.WithoutOther(fitted.FeatureNames, fitted.Coefficients.AsSpan(k * p, p)))
            .ToArray();
        var mean = fitted.Intercepts.Average();
        var evaluation = ModelEvaluator.Evaluate(model, table);

        Assert.Equal(3, fitted.Outputs);
        AssertClose(MultiCoef, coefficients, 1e-6);
        AssertClose(MultiLbfgsCoef, coefficients, 1e-3);
        AssertClose(MultiIntercept, fitted.Intercepts.Select(b => b - mean).ToArray(), 1e-6);
        Assert.Equal(MultiLogLoss, evaluation.Metrics["logloss"], 7);
        Assert.Equal(MultiAuc, evaluation.Metrics["auc"], 8);
    }

    [Fact]
    public async Task Serialize_SameDataParamsSeed_ByteIdentical()
    {
        var table = await LinearTestData.MulticlassAsync();
        var request = LinearTestData.Request(table, "label_multi", ModelTask.MulticlassClassification, ("l2", "0.5"), ("missing_indicators", "true"));

        var first = ModelFormat.Serialize(_trainer.Train(request, CancellationToken.None));
        var second = ModelFormat.Serialize(new LogisticRegressionTrainer().Train(request, CancellationToken.None));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Train_ManyRowBlocksOneOrTwoThreads_ByteIdenticalAndThreadsNotRecorded()
    {
        // 20,000 rows span three row blocks of the loss, so the threads split real work; a categorical input with a
        // missing value per 7 rows exercises the one-hot walk and its missing indicator.
        var random = new Random(7);
        const int rows = 20_000;
        var x = new double[rows];
        var codes = new int[rows];
        var labels = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            x[r] = random.NextDouble() * 4;
            codes[r] = r % 7 == 0 ? -1 : random.Next(5);
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-(x[r] - 2 + (codes[r] * 0.3)))) ? 1 : 0;
        }

        var table = new Table([
            new NumericColumn("x", ColumnKind.Numeric, x),
            new CategoricalColumn("c", codes, ["a", "b", "c", "d", "e"]),
            new NumericColumn("y", ColumnKind.Boolean, labels),
        ]);
        TrainedModel Fit(string threads) => _trainer.Train(
            LinearTestData.Request(table, "y", ModelTask.BinaryClassification, ("threads", threads), ("missing_indicators", "true")), CancellationToken.None);

        var one = Fit("1");
        var two = Fit("2");

        Assert.True(((LogisticRegressionModel)one).Fitted.Converged);
        Assert.Equal(ModelFormat.Serialize(one), ModelFormat.Serialize(two));
        Assert.DoesNotContain("threads", one.Parameters.Keys);
    }

    [Fact]
    public async Task Deserialize_SavedModel_PredictsTheSame()
    {
        var table = await LinearTestData.BinaryAsync();
        var model = _trainer.Train(LinearTestData.Request(table, "label_bin", ModelTask.BinaryClassification), CancellationToken.None);

        var loaded = ModelFormat.Deserialize(ModelFormat.Serialize(model));

        Assert.IsType<LogisticRegressionModel>(loaded);
        Assert.Equal(model.Parameters, loaded.Parameters);
        Assert.Equal(model.Predict(table).Values, loaded.Predict(table).Values);
        Assert.Equal(ModelFormat.Serialize(model), ModelFormat.Serialize(loaded));
    }

    [Fact]
    public async Task Predict_TableWithoutLabel_ReturnsProbabilities()
    {
        var table = await LinearTestData.BinaryAsync();
        var model = _trainer.Train(LinearTestData.Request(table, "label_bin", ModelTask.BinaryClassification), CancellationToken.None);

        var predictions = model.Predict(table.Without("label_bin"));

        Assert.Equal(table.RowCount, predictions.RowCount);
        for (var row = 0; row < predictions.RowCount; row++)
        {
            Assert.Equal(1.0, predictions.Row(row)[0] + predictions.Row(row)[1], 12);
        }
    }

    [Fact]
    public async Task Train_RecordsEveryParameterUsed()
    {
        var table = await LinearTestData.BinaryAsync();

        var model = _trainer.Train(LinearTestData.Request(table, "label_bin", ModelTask.BinaryClassification, ("l2", "2")), CancellationToken.None);

        Assert.Equal(["l2", "max_iter", "max_levels", "min_frequency", "missing_indicators", "tol"], model.Parameters.Keys);
        Assert.Equal("2", model.Parameters["l2"]);
    }

    [Fact]
    public async Task Train_UnknownParameter_ThrowsInvalidArgument()
    {
        var table = await LinearTestData.BinaryAsync();

        var e = Assert.Throws<MlopsException>(() =>
            _trainer.Train(LinearTestData.Request(table, "label_bin", ModelTask.BinaryClassification, ("C", "1")), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("C", e.Message);
    }

    [Fact]
    public async Task Train_RegressionTask_ThrowsInvalidArgument()
    {
        var table = await LinearTestData.RegressionAsync();

        var e = Assert.Throws<MlopsException>(() =>
            _trainer.Train(LinearTestData.Request(table, "target", ModelTask.Regression), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public void Catalog_Logreg_IsRegistered()
    {
        Assert.Equal("logreg", TrainerCatalog.Get("logreg").CreateTrainer().Algorithm);
    }

    internal static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}] expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
