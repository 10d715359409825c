using System.Globalization;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Search;

namespace MlopsServerless.Core.Tests.Training.Search;

public sealed class HyperparameterSearchTests
{
    [Fact]
    public void Candidates_Grid_AllCombinationsInListedOrderWithFixed()
    {
        var space = new SearchSpace("logreg", [SearchParameter.Choice("l2", "0.1", "1"), SearchParameter.IntRange("max_iter", 10, 30, 3)],
            new Dictionary<string, string> { ["tol"] = "1e-6" });

        var candidates = HyperparameterSearch.Candidates(space, new SearchOptions());

        Assert.Equal(
            ["0.1/10", "0.1/20", "0.1/30", "1/10", "1/20", "1/30"],
            candidates.Select(c => $"{c["l2"]}/{c["max_iter"]}"));
        Assert.All(candidates, c => Assert.Equal("1e-6", c["tol"]));
    }

    [Fact]
    public void Candidates_LogFloatGrid_IsGeometric()
    {
        var space = new SearchSpace("logreg", SearchParameter.LogFloatRange("l2", 0.01, 100, 5));

        var values = HyperparameterSearch.Candidates(space, new SearchOptions()).Select(c => double.Parse(c["l2"], CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal([0.01, 0.1, 1, 10, 100], values.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Candidates_RandomSameSeed_SameDrawsWithinRanges()
    {
        var space = new SearchSpace("logreg", SearchParameter.LogFloatRange("l2", 1e-3, 1e3), SearchParameter.IntRange("max_iter", 50, 60),
            SearchParameter.Choice("missing_indicators", "true", "false"));
        var options = new SearchOptions(SearchStrategy.Random, Trials: 30, Seed: 7);

        var first = HyperparameterSearch.Candidates(space, options);
        var second = HyperparameterSearch.Candidates(space, options);
        var other = HyperparameterSearch.Candidates(space, options with { Seed = 8 });

        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(c => c["l2"]), other.Select(c => c["l2"]));
        Assert.All(first, c => Assert.InRange(double.Parse(c["l2"], CultureInfo.InvariantCulture), 1e-3, 1e3));
        Assert.All(first, c => Assert.InRange(int.Parse(c["max_iter"], CultureInfo.InvariantCulture), 50, 60));
        Assert.Equal(2, first.Select(c => c["missing_indicators"]).Distinct().Count());
    }

    [Fact]
    public void Candidates_GridLargerThanTrials_ThrowsInvalidArgument()
    {
        var space = new SearchSpace("logreg", SearchParameter.FloatRange("l2", 0, 1, 5), SearchParameter.IntRange("max_iter", 1, 100, 5));

        var e = Assert.Throws<MlopsException>(() => HyperparameterSearch.Candidates(space, new SearchOptions(Trials: 20)));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("25", e.Message);
    }

    [Fact]
    public async Task RunAsync_Grid_WinnerHasBestValidationMetric()
    {
        var (train, validation) = Split(await LinearTestData.BinaryAsync());
        var space = new SearchSpace("logreg", SearchParameter.Choice("l2", "0.01", "1", "100", "1000000"));

        var result = await HyperparameterSearch.RunAsync(space, train, validation, "label_bin", ModelTask.BinaryClassification,
            new SearchOptions(PrimaryMetric: MetricCatalog.LogLoss), CancellationToken.None);

        var losses = result.Candidates.Select(c => c.Metrics[MetricCatalog.LogLoss]).ToArray();
        Assert.Equal(4, result.Candidates.Count);
        Assert.Equal(Array.IndexOf(losses, losses.Min()), result.WinnerIndex);
        Assert.Equal(result.Best.Parameters["l2"], result.Winner.Parameters["l2"]);
        var again = ModelEvaluator.Evaluate(result.Winner, validation);
        Assert.Equal(result.Best.Metrics, again.Metrics);
    }

    [Fact]
    public async Task RunAsync_Parallelism_DoesNotChangeResults()
    {
        var (train, validation) = Split(await LinearTestData.RegressionAsync());
        var space = new SearchSpace("linear", SearchParameter.LogFloatRange("alpha", 0.01, 1000));
        var options = new SearchOptions(SearchStrategy.Random, Trials: 8, Seed: 3, MaxParallelism: 1);

        var serial = await HyperparameterSearch.RunAsync(space, train, validation, "target", ModelTask.Regression, options, CancellationToken.None);
        var parallel = await HyperparameterSearch.RunAsync(space, train, validation, "target", ModelTask.Regression, options with { MaxParallelism = 4 }, CancellationToken.None);

        Assert.Equal(MetricCatalog.Rmse, serial.PrimaryMetric);
        Assert.Equal(serial.WinnerIndex, parallel.WinnerIndex);
        Assert.Equal(serial.Candidates.Select(c => c.Metrics), parallel.Candidates.Select(c => c.Metrics));
        Assert.Equal(ModelFormat.Serialize(serial.Winner), ModelFormat.Serialize(parallel.Winner));
        var rmse = serial.Candidates.Select(c => c.Metrics[MetricCatalog.Rmse]).ToArray();
        Assert.Equal(rmse.Min(), serial.Best.Metrics[MetricCatalog.Rmse]);
    }

    [Fact]
    public async Task RunAsync_CandidateFails_ReportedAndNotChosen()
    {
        var (train, validation) = Split(await LinearTestData.RegressionAsync());
        var space = new SearchSpace("linear", SearchParameter.Choice("alpha", "-1", "1"));

        var result = await HyperparameterSearch.RunAsync(space, train, validation, "target", ModelTask.Regression, new SearchOptions(), CancellationToken.None);

        Assert.Contains("out of range", result.Candidates[0].Error);
        Assert.Empty(result.Candidates[0].Metrics);
        Assert.Equal(1, result.WinnerIndex);
    }

    [Fact]
    public async Task RunAsync_EveryCandidateFails_ThrowsFailedPrecondition()
    {
        var (train, validation) = Split(await LinearTestData.RegressionAsync());
        var space = new SearchSpace("linear", SearchParameter.Choice("alpha", "-1", "-2"));

        var e = await Assert.ThrowsAsync<MlopsException>(() =>
            HyperparameterSearch.RunAsync(space, train, validation, "target", ModelTask.Regression, new SearchOptions(), CancellationToken.None));

        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
        Assert.Contains("alpha", e.Message);
    }

    [Fact]
    public async Task RunAsync_MetricOfOtherTask_ThrowsInvalidArgument()
    {
        var (train, validation) = Split(await LinearTestData.RegressionAsync());
        var space = new SearchSpace("linear", SearchParameter.Choice("alpha", "1"));

        var e = await Assert.ThrowsAsync<MlopsException>(() => HyperparameterSearch.RunAsync(space, train, validation, "target",
            ModelTask.Regression, new SearchOptions(PrimaryMetric: MetricCatalog.Auc), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }

    private static (Table Train, Table Validation) Split(Table table) =>
        (table.Select(Enumerable.Range(0, 160).ToArray()), table.Select(Enumerable.Range(160, table.RowCount - 160).ToArray()));
}
