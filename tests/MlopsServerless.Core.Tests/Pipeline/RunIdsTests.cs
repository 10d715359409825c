using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class RunIdsTests
{
    private static PipelineConfig Logreg(int seed = 42) => new(Candidates: [new CandidateSpec("logreg", new Dictionary<string, string> { ["l2"] = "1" })], Seed: seed);

    [Fact]
    public void For_DefaultConfigAndModelNamedAfterDataset_IsDatasetAndVersion() =>
        Assert.Equal("churn-0123456789abcdef", RunIds.For("churn", "0123456789abcdef", "churn", new PipelineConfig()));

    [Fact]
    public void For_EqualConfigsBuiltSeparately_GiveTheSameId() =>
        Assert.Equal(RunIds.For("churn", "v1", "churn", Logreg()), RunIds.For("churn", "v1", "churn", Logreg()));

    [Fact]
    public void For_ConfigOrModelChange_ChangesTheId()
    {
        var ids = new[]
        {
            RunIds.For("churn", "v1", "churn", new PipelineConfig()),
            RunIds.For("churn", "v1", "churn", Logreg()),
            RunIds.For("churn", "v1", "churn", Logreg(seed: 7)),
            RunIds.For("churn", "v1", "churn", new PipelineConfig(TestFraction: 0.2)),
            RunIds.For("churn", "v1", "churn", new PipelineConfig(Promotion: new PromotionPolicy(AutoPromote: false))),
            RunIds.For("churn", "v1", "other-model", new PipelineConfig()),
            RunIds.For("churn", "v2", "churn", new PipelineConfig()),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith("churn-v", id, StringComparison.Ordinal));
    }

    [Fact]
    public void For_NonDefaultConfig_IsAValidNameWithAnEightDigitHash()
    {
        var id = RunIds.For("churn", "v1", "churn", Logreg());

        Assert.Matches("^churn-v1-[0-9a-f]{8}$", id);
        Assert.Equal(id, Core.Storage.ObjectKey.Name(id, "Run id"));
    }
}
