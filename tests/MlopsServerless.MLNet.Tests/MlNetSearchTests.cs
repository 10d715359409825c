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

public sealed class MlNetCatalogTests
{
    [Fact]
    public void CandidatesFor_NothingConfigured_KeepsTheDefaultSetWithoutTheMlNetFamily()
    {
        MlNetAlgorithms.Register();
        MlNetAlgorithms.Register();

        var defaults = new Core.Pipeline.PipelineConfig().CandidatesFor(ModelTask.BinaryClassification).Select(c => c.Algorithm).ToList();

        Assert.Equal(["logreg", "gbdt"], defaults);
        Assert.Single(TrainerCatalog.All, r => r.Name == "mlnet-lightgbm");
        Assert.Equal(["mlnet-lightgbm", "mlnet-fasttree", "mlnet-lbfgs", "mlnet-sdca"], TrainerCatalog.All.Where(r => r.Name.StartsWith("mlnet-", StringComparison.Ordinal)).Select(r => r.Name));
    }

    [Fact]
    public void Validate_ConfigMixingFamiliesAndAnMlNetSearchSpace_Passes()
    {
        MlNetAlgorithms.Register();
        var config = new Core.Pipeline.PipelineConfig(
            Candidates: [new Core.Pipeline.CandidateSpec("gbdt", new Dictionary<string, string>()), new Core.Pipeline.CandidateSpec("mlnet-lbfgs", new Dictionary<string, string> { ["l2"] = "0.5" })],
            Search: [new SearchSpace("mlnet-lightgbm", SearchParameter.Choice("num_leaves", "8", "31"))]);

        config.Validate();

        Assert.Equal(["gbdt", "mlnet-lbfgs", "mlnet-lightgbm", "mlnet-lightgbm"], config.CandidatesFor(ModelTask.BinaryClassification).Select(c => c.Algorithm));
    }
}
