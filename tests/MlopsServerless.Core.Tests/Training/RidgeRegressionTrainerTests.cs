using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Linear;
using static MlopsServerless.Core.Tests.Training.LinearFixtures;

namespace MlopsServerless.Core.Tests.Training;

public sealed class RidgeRegressionTrainerTests
{
    private readonly RidgeRegressionTrainer _trainer = new();

    [Theory]
    [InlineData("1")]
    [InlineData("25")]
    public async Task Train_Fixture_MatchesSklearnRidge(string alpha)
    {
        var table = await LinearTestData.RegressionAsync();
        var (coef, intercept) = alpha == "1" ? (RidgeCoef, RidgeIntercept) : (Ridge25Coef, Ridge25Intercept);

        // The fixture's featurization: no missing indicators (linear's default adds them; see the next test).
        var model = (RidgeRegressionModel)_trainer.Train(
            LinearTestData.Request(table, "target", ModelTask.Regression, ("alpha", alpha), ("missing_indicators", "false")), CancellationToken.None);

        LogisticRegressionTrainerTests.AssertClose(coef, LinearTestData.WithoutOther(model.Fitted.FeatureNames, model.Fitted.Coefficients), 1e-9);
        Assert.Equal(intercept, model.Fitted.Intercept, 9);
    }

    [Fact]
    public async Task Train_Defaults_MissingIndicatorsMatchSklearnRidge()
    {
        var table = await LinearTestData.RegressionAsync();

        var model = (RidgeRegressionModel)_trainer.Train(LinearTestData.Request(table, "target", ModelTask.Regression), CancellationToken.None);

        Assert.Equal("true", model.Parameters["missing_indicators"]);
        Assert.Equal("256", model.Parameters["max_levels"]);
        Assert.Contains("x2=(missing)", model.Fitted.FeatureNames);
        LogisticRegressionTrainerTests.AssertClose(RidgeIndicatorsCoef, LinearTestData.WithoutOther(model.Fitted.FeatureNames, model.Fitted.Coefficients), 1e-9);
        Assert.Equal(RidgeIndicatorsIntercept, model.Fitted.Intercept, 9);
    }

    [Fact]
    public async Task Serialize_SameDataParamsSeed_ByteIdentical()
    {
        var table = await LinearTestData.RegressionAsync();
        var request = LinearTestData.Request(table, "target", ModelTask.Regression, ("alpha", "3"));

        Assert.Equal(ModelFormat.Serialize(_trainer.Train(request, CancellationToken.None)), ModelFormat.Serialize(_trainer.Train(request, CancellationToken.None)));
    }

    [Fact]
    public async Task Deserialize_SavedModel_PredictsTheSameWithoutLabel()
    {
        var table = await LinearTestData.RegressionAsync();
        var model = _trainer.Train(LinearTestData.Request(table, "target", ModelTask.Regression), CancellationToken.None);

        var loaded = ModelFormat.Deserialize(ModelFormat.Serialize(model));

        Assert.Equal(model.Predict(table).Values, loaded.Predict(table.Without("target")).Values);
    }

    [Fact]
    public async Task Evaluate_Fixture_ReportsRegressionMetrics()
    {
        var table = await LinearTestData.RegressionAsync();
        var model = _trainer.Train(LinearTestData.Request(table, "target", ModelTask.Regression), CancellationToken.None);

        var evaluation = ModelEvaluator.Evaluate(model, table);

        Assert.Equal(MetricCatalog.For(ModelTask.Regression).Order(StringComparer.Ordinal), evaluation.Metrics.Keys);
        Assert.InRange(evaluation.Metrics["r2"], 0.5, 1.0);
        Assert.Null(evaluation.Confusion);
    }

    [Fact]
    public async Task Train_ZeroAlphaWithCollinearOneHot_ThrowsFailedPrecondition()
    {
        var table = await LinearTestData.RegressionAsync();

        var e = Assert.Throws<MlopsException>(() =>
            _trainer.Train(LinearTestData.Request(table, "target", ModelTask.Regression, ("alpha", "0")), CancellationToken.None));

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
    }

    [Fact]
    public void Catalog_Linear_IsRegistered()
    {
        Assert.Equal("linear", TrainerCatalog.Get("linear").CreateTrainer().Algorithm);
    }
}
