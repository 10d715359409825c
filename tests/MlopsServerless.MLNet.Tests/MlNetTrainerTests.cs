using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet.Tests;

public sealed class MlNetTrainerTests
{
    [Theory]
    [InlineData("mlnet-lightgbm", "churned", ModelTask.BinaryClassification)]
    [InlineData("mlnet-lightgbm", "contract", ModelTask.MulticlassClassification)]
    [InlineData("mlnet-lightgbm", "monthly_charges", ModelTask.Regression)]
    [InlineData("mlnet-fasttree", "churned", ModelTask.BinaryClassification)]
    [InlineData("mlnet-fasttree", "monthly_charges", ModelTask.Regression)]
    [InlineData("mlnet-lbfgs", "churned", ModelTask.BinaryClassification)]
    [InlineData("mlnet-lbfgs", "contract", ModelTask.MulticlassClassification)]
    [InlineData("mlnet-sdca", "monthly_charges", ModelTask.Regression)]
    public async Task Train_EachTrainerAndTask_LearnsTheSignalAndScoresWithOurMetrics(string algorithm, string label, ModelTask task)
    {
        var table = await ChurnData.TableAsync(1200, 11);
        var train = table.Select(Enumerable.Range(0, 900).ToList());
        var test = table.Select(Enumerable.Range(900, 300).ToList());

        var model = ChurnData.Train(algorithm, ChurnData.Request(train, label, task));
        var metrics = ModelEvaluator.Evaluate(model, test).Metrics;

        Assert.Equal(algorithm, model.Algorithm);
        Assert.Equal(task, model.Signature.Task);
        switch (task)
        {
            case ModelTask.BinaryClassification:
                Assert.InRange(metrics["auc"], 0.75, 1);
                // Better than always answering the test rows' churn rate.
                var rate = test["churned"] is Core.Datasets.NumericColumn y ? y.Values.Average() : double.NaN;
                Assert.InRange(metrics["logloss"], 0, -((rate * Math.Log(rate)) + ((1 - rate) * Math.Log(1 - rate))));
                break;
            case ModelTask.MulticlassClassification:
                Assert.Equal(["month-to-month", "one-year", "two-year"], model.Signature.Classes);
                Assert.InRange(metrics["accuracy"], 0.6, 1);
                break;
            default:
                Assert.InRange(metrics["r2"], 0.5, 1);
                break;
        }

        var predictions = model.Predict(test.Without(label));
        for (var row = 0; row < predictions.RowCount && task != ModelTask.Regression; row++)
        {
            Assert.Equal(1.0, predictions.Row(row).ToArray().Sum(), 5);
        }
    }

    [Theory]
    [InlineData("mlnet-lightgbm", "churned", ModelTask.BinaryClassification)]
    [InlineData("mlnet-fasttree", "churned", ModelTask.BinaryClassification)]
    [InlineData("mlnet-lbfgs", "contract", ModelTask.MulticlassClassification)]
    [InlineData("mlnet-sdca", "monthly_charges", ModelTask.Regression)]
    public async Task Train_SameDataParametersAndSeed_SameModelAndZipBytes(string algorithm, string label, ModelTask task)
    {
        var table = await ChurnData.TableAsync(500, 3);

        var first = ChurnData.Train(algorithm, ChurnData.Request(table, label, task));
        var second = ChurnData.Train(algorithm, ChurnData.Request(table, label, task));

        Assert.Equal(ModelFormat.Serialize(first), ModelFormat.Serialize(second));
        Assert.Equal(first.Attachments["zip"].ToArray(), second.Attachments["zip"].ToArray());
    }

    [Fact]
    public async Task Train_ParametersGiven_AreUsedAndRecordedWithTheDefaults()
    {
        var table = await ChurnData.TableAsync(400, 3);
        var parameters = new Dictionary<string, string> { ["n_estimators"] = "7", ["num_leaves"] = "4" };

        var model = ChurnData.Train("mlnet-lightgbm", ChurnData.Request(table, "churned", ModelTask.BinaryClassification, parameters));

        Assert.Equal("7", model.Parameters["n_estimators"]);
        Assert.Equal("4", model.Parameters["num_leaves"]);
        Assert.Equal("0.1", model.Parameters["learning_rate"]);
        Assert.Equal("1", model.Parameters["threads"]);
    }

    [Fact]
    public async Task Train_UnknownParameter_InvalidArgumentNamingIt()
    {
        var table = await ChurnData.TableAsync(200, 3);
        var request = ChurnData.Request(table, "churned", ModelTask.BinaryClassification, new Dictionary<string, string> { ["num_leafs"] = "8" });

        var error = Assert.Throws<MlopsException>(() => ChurnData.Train("mlnet-lightgbm", request));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("num_leafs", error.Message);
    }

    [Fact]
    public async Task Train_TaskTheLearnerDoesNotFit_InvalidArgument()
    {
        var table = await ChurnData.TableAsync(200, 3);

        var error = Assert.Throws<MlopsException>(() => ChurnData.Train("mlnet-fasttree", ChurnData.Request(table, "contract", ModelTask.MulticlassClassification)));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.False(TrainerCatalog.Get("mlnet-sdca").CreateTrainer().Supports(ModelTask.BinaryClassification));
    }
}
