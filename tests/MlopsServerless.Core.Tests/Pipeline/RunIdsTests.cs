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

    [Fact]
    public void RetryAndRetraining_AreDeterministicDistinctAndFitTheNameLimit()
    {
        var longDataset = new string('d', 64);
        var first = RunIds.For(longDataset, "0123456789abcdef", "m", Logreg());

        Assert.True(first.Length <= RunIds.MaxLength);
        Assert.Equal("churn-v1-a2", RunIds.Retry("churn-v1", 1));
        Assert.Equal("churn-v1-a3", RunIds.Retry("churn-v1-a2", 2));
        Assert.Equal(RunIds.Retraining("churn-v1", "churn@t1"), RunIds.Retraining("churn-v1", "churn@t1"));
        Assert.NotEqual(RunIds.Retraining("churn-v1", "churn@t1"), RunIds.Retraining("churn-v1", "churn@t2"));
        Assert.Matches("^churn-v1-t[0-9a-f]{8}$", RunIds.Retraining("churn-v1", "churn@t1"));
        Assert.All(new[] { RunIds.Retry(first, 1), RunIds.Retraining(first, "x") }, id => Assert.True(id.Length <= RunIds.MaxLength, id));
    }
}
