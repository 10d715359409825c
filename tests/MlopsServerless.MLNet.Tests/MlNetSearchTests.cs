using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Search;

namespace MlopsServerless.MLNet.Tests;

public sealed class MlNetSearchTests
{
    [Fact]
    public async Task RunAsync_GridOverAnMlNetParameter_TrainsEveryPointAndPicksTheBestByOurMetric()
    {
        MlNetAlgorithms.Register();
        var table = await ChurnData.TableAsync(900, 21);
        var train = table.Select(Enumerable.Range(0, 600).ToList());
        var validation = table.Select(Enumerable.Range(600, 300).ToList());
        var space = new SearchSpace("mlnet-lightgbm", SearchParameter.Choice("num_leaves", "2", "8"), SearchParameter.Choice("n_estimators", "1", "40"));

        var result = await HyperparameterSearch.RunAsync(space, train, validation, "churned", ModelTask.BinaryClassification,
            new SearchOptions(SearchStrategy.Grid, 20, 5), CancellationToken.None);

        Assert.Equal(4, result.Candidates.Count);
        Assert.Equal(result.Candidates.Max(c => c.Metrics["auc"]), result.Candidates[result.WinnerIndex].Metrics["auc"]);
        Assert.Equal("40", result.Winner.Parameters["n_estimators"]);
    }
}
