using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Gbdt;

namespace MlopsServerless.Core.Tests.Training.Gbdt;

/// <summary>
/// Our gbdt against xgboost 1.7.4 (tree_method=hist) with the same settings on the same seeded data.
/// Fixtures/gbdt_reference.py wrote Fixtures/gbdt_reference.csv (3000 rows, 6 numeric inputs, 10% missing in x2,
/// nonlinear signal) and printed the reference numbers below; train = first 80% of rows, test = last 20%.
/// </summary>
public sealed class GbdtReferenceTests
{
    // /usr/bin/python3 gbdt_reference.py: "binary: auc=0.8963 logloss=0.4101", "regression: rmse=0.5045".
    // Ours when this was written: AUC 0.9034, RMSE 0.4897 (ours starts from the prior, not xgboost 1.7's 0.5).
    private const double XgboostAuc = 0.8963;
    private const double XgboostRmse = 0.5045;

    private static readonly Dictionary<string, string> XgboostLikeSettings = new()
    {
        ["n_estimators"] = "100",
        ["max_depth"] = "6",
        ["learning_rate"] = "0.1",
        ["l2"] = "1",
        ["min_child_weight"] = "1",
        ["min_samples_leaf"] = "1",
        ["max_bins"] = "255",
    };

    [Fact]
    public async Task Train_Binary_AucWithinOneHundredthOfXgboost()
    {
        var (train, test) = await LoadAsync("y_bin", "y_reg");

        var model = new GbdtTrainer().Train(new TrainingRequest(train, null, "y_bin", ModelTask.BinaryClassification, XgboostLikeSettings, 1), CancellationToken.None);

        var predictions = model.Predict(test);
        var labels = new LabelEncoding(ModelTask.BinaryClassification, model.Signature.Classes).EncodeClasses(test["y_bin"]);
        var auc = TestMetrics.Auc(Enumerable.Range(0, test.RowCount).Select(r => predictions.Row(r)[1]).ToArray(), labels);
        Assert.InRange(auc, XgboostAuc - 0.01, 1.0);
    }

    [Fact]
    public async Task Train_Regression_RmseWithinThreePercentOfXgboost()
    {
        var (train, test) = await LoadAsync("y_reg", "y_bin");

        var model = new GbdtTrainer().Train(new TrainingRequest(train, null, "y_reg", ModelTask.Regression, XgboostLikeSettings, 1), CancellationToken.None);

        var rmse = TestMetrics.Rmse(model.Predict(test).Values, ((NumericColumn)test["y_reg"]).Values);
        Assert.InRange(rmse, 0, XgboostRmse * 1.03);
    }

    private static async Task<(Table Train, Table Test)> LoadAsync(string label, string otherLabel)
    {
        var path = FixturePath("gbdt_reference.csv");
        CsvProfile profile;
        await using (var stream = File.OpenRead(path))
        {
            profile = await CsvProfiler.ProfileAsync(stream, CancellationToken.None);
        }

        await using var content = File.OpenRead(path);
        var table = (await TableLoader.LoadAsync(content, profile.Columns, CancellationToken.None)).Without(otherLabel);
        Assert.True(table.Contains(label));
        return GbdtData.Split(table, 0.8);
    }

    private static string FixturePath(string name)
    {
        // The fixture stays in the source tree (not copied to bin); walk up from the test binaries to find it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Training", "Gbdt", "Fixtures", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Fixture {name} not found above {AppContext.BaseDirectory}.");
    }
}
