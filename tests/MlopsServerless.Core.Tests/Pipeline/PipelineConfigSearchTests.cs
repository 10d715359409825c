using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Search;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class PipelineConfigSearchTests
{
    private static readonly Dictionary<string, string> NoParameters = [];

    [Fact]
    public void CandidatesFor_CandidatesAndGridSearch_ListsCandidatesThenTheGridInOrder()
    {
        var config = new PipelineConfig(
            Candidates: [new CandidateSpec("gbdt", NoParameters)],
            Search: [new SearchSpace("logreg", SearchParameter.Choice("l2", "0.1", "1", "10"))]);

        var candidates = config.CandidatesFor(ModelTask.BinaryClassification);

        Assert.Equal(["gbdt", "logreg", "logreg", "logreg"], candidates.Select(c => c.Algorithm));
        Assert.Equal(["0.1", "1", "10"], candidates.Skip(1).Select(c => c.Parameters["l2"]));
    }

    [Fact]
    public void CandidatesFor_RandomSearch_IsTheSameForTheSameSeedAndDiffersForAnother()
    {
        PipelineConfig Config(int seed) => new(Seed: seed, SearchStrategy: SearchStrategy.Random, SearchTrials: 6,
            Search: [new SearchSpace("gbdt", SearchParameter.IntRange("max_depth", 2, 8), SearchParameter.LogFloatRange("learning_rate", 0.01, 0.3))]);

        string Render(PipelineConfig c) => string.Join(";", c.CandidatesFor(ModelTask.Regression).Select(x => string.Join(",", x.Parameters.Select(p => p.Key + "=" + p.Value))));

        Assert.Equal(6, Config(1).CandidatesFor(ModelTask.Regression).Count);
        Assert.Equal(Render(Config(1)), Render(Config(1)));
        Assert.NotEqual(Render(Config(1)), Render(Config(2)));
    }

    [Fact]
    public void CandidatesFor_NothingConfigured_IsEveryAlgorithmThatFitsTheTask()
    {
        var regression = new PipelineConfig().CandidatesFor(ModelTask.Regression).Select(c => c.Algorithm).ToList();
        var binary = new PipelineConfig().CandidatesFor(ModelTask.BinaryClassification).Select(c => c.Algorithm).ToList();

        Assert.Contains("linear", regression);
        Assert.DoesNotContain("logreg", regression);
        Assert.Contains("logreg", binary);
        Assert.DoesNotContain("linear", binary);
    }

    [Fact]
    public void Validate_GridLargerThanTrials_IsInvalidArgument()
    {
        var config = new PipelineConfig(SearchTrials: 2, Search: [new SearchSpace("logreg", SearchParameter.Choice("l2", "0.1", "1", "10"))]);

        var e = Assert.Throws<MlopsException>(config.Validate);
        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public void Config_WithSearch_RoundTripsThroughTheRunRecordJson()
    {
        var config = new PipelineConfig(Search: [new SearchSpace("logreg", SearchParameter.LogFloatRange("l2", 0.01, 100, 3))]);

        var back = MlopsJson.Deserialize<PipelineConfig>(MlopsJson.Serialize(config), "config");

        Assert.Equal(
            config.CandidatesFor(ModelTask.BinaryClassification).Select(c => c.Parameters["l2"]),
            back.CandidatesFor(ModelTask.BinaryClassification).Select(c => c.Parameters["l2"]));
    }
}
