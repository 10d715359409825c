using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Gbdt;
using MlopsServerless.Core.Training.Search;

namespace MlopsServerless.Core.Tests.Training.Gbdt;

/// <summary>
/// Leaf-wise growth (a leaf budget, <c>max_leaves</c>, with a deeper depth cap): the budget and the per-leaf minimums
/// hold, every prediction layout agrees on the deep lopsided trees it grows, and training is deterministic.
/// </summary>
public sealed class GbdtLeafWiseTests
{
    private static readonly GbdtTrainer Trainer = new();

    [Theory]
    [InlineData(ModelTask.BinaryClassification, 7)]
    [InlineData(ModelTask.Regression, 12)]
    [InlineData(ModelTask.MulticlassClassification, 5)]
    public void Train_LeafBudget_NoTreeExceedsItAndTreesGrowDeeperThanBalanced(ModelTask task, int maxLeaves)
    {
        var model = Train(GbdtData.Mixed(4000, seed: 3, task), task, new() { ["max_leaves"] = $"{maxLeaves}", ["max_depth"] = "32", ["min_samples_leaf"] = "5" });
        var trees = ((GbdtBody)model.Body).Trees;

        Assert.All(trees, tree => Assert.InRange(Leaves(tree), 2, maxLeaves));
        Assert.Contains(trees, tree => Leaves(tree) == maxLeaves);
        // Best-first spends the budget where the gain is, not level by level: some tree is deeper than a balanced one.
        Assert.Contains(trees, tree => Depth(tree) > Math.Ceiling(Math.Log2(maxLeaves)));
    }

    [Fact]
    public void Train_LeafBudgetAboveWhatTheDepthAllows_DepthCapStillHolds()
    {
        var model = Train(GbdtData.Mixed(4000, seed: 4, ModelTask.Regression), ModelTask.Regression, new() { ["max_leaves"] = "64", ["max_depth"] = "3", ["min_samples_leaf"] = "5" });

        Assert.All(((GbdtBody)model.Body).Trees, tree => Assert.InRange(Depth(tree), 1, 3));
    }

    [Theory]
    [InlineData(ModelTask.BinaryClassification)]
    [InlineData(ModelTask.Regression)]
    public void Train_LeafWise_EveryLeafHoldsAtLeastMinSamplesLeafTrainingRows(ModelTask task)
    {
        const int minSamples = 60;
        var table = GbdtData.Mixed(3000, seed: 5, task);
        var model = Train(table, task, new() { ["max_leaves"] = "32", ["max_depth"] = "32", ["min_samples_leaf"] = $"{minSamples}" });
        var body = (GbdtBody)model.Body;
        var matrix = BinnedMatrix.Build(table, body.Features, threads: 1);
        var categorical = body.Features.Select(f => f.Kind == ColumnKind.Categorical).ToArray();

        foreach (var tree in body.Trees)
        {
            var rowsPerLeaf = new int[tree.Feature.Length];
            for (var row = 0; row < table.RowCount; row++)
            {
                rowsPerLeaf[tree.LeafOf(matrix, row, categorical)]++;
            }

            var leaves = Enumerable.Range(0, tree.Feature.Length).Where(node => tree.Feature[node] < 0).ToList();
            Assert.All(leaves, leaf => Assert.True(rowsPerLeaf[leaf] >= minSamples, $"a leaf holds {rowsPerLeaf[leaf]} training rows"));
        }

        Assert.Contains(body.Trees, tree => Leaves(tree) > 8); // the minimum bound, not a tiny tree, is what was tested
    }

    [Theory]
    [InlineData(ModelTask.BinaryClassification, "10")]
    [InlineData(ModelTask.BinaryClassification, "32")]
    [InlineData(ModelTask.Regression, "10")]
    [InlineData(ModelTask.MulticlassClassification, "32")]
    public void Predict_LeafWiseTrees_EveryForestLayoutGivesTheTablePredictions(ModelTask task, string maxDepth)
    {
        var model = Train(GbdtData.Mixed(4000, seed: 6, task), task, new() { ["max_leaves"] = "24", ["max_depth"] = maxDepth, ["min_samples_leaf"] = "3" });
        var body = (GbdtBody)model.Body;
        // Depth 10 is the vector walk's limit: up to it the batch takes the vector walk (where supported), past it not.
        Assert.Equal(VectorForest.IsSupported && body.Trees.Max(Depth) <= 10, VectorForest.TryBuild(body) is not null);
        Assert.NotNull(CompactForest.TryBuild(body));

        GbdtLayouts.AssertAllEqualTablePredictions(model, GbdtData.Mixed(1001, seed: 7, task, unseenLevels: true));
    }

    [Fact]
    public void Train_LeafWiseSameSeed_ByteIdenticalOnOneTwoAndThreeThreadsAndAnotherSeedDiffers()
    {
        // Enough rows that partitions and histograms are shared between threads; sampling makes the seed matter. Three
        // threads share the sampled inputs unevenly between feature groups, which must not change a single sum.
        var table = GbdtData.Mixed(70_000, seed: 8, ModelTask.BinaryClassification);
        var parameters = new Dictionary<string, string>
        {
            ["max_leaves"] = "16", ["max_depth"] = "12", ["subsample"] = "0.8", ["colsample"] = "0.7", ["n_estimators"] = "6",
        };

        byte[] Serialized(string threads, int seed) => ModelFormat.Serialize(Trainer.Train(
            GbdtData.Request(table, "y", ModelTask.BinaryClassification, new Dictionary<string, string>(parameters) { ["threads"] = threads }, seed: seed),
            CancellationToken.None));

        var one = Serialized("1", 42);
        Assert.Equal(one, Serialized("2", 42));
        Assert.Equal(one, Serialized("2", 42));
        Assert.Equal(one, Serialized("3", 42));
        Assert.NotEqual(one, Serialized("2", 43));
    }

    [Fact]
    public void Train_FarMoreThreadsThanALeafHasChunksOfRows_SameModelAsOneThread()
    {
        // 256 threads over leaves of ~20,000 rows: the partition must not cut a chunk that starts past its leaf.
        var table = GbdtData.Mixed(20_000, seed: 3, ModelTask.BinaryClassification);
        byte[] Serialized(string threads) => ModelFormat.Serialize(Trainer.Train(
            GbdtData.Request(table, "y", ModelTask.BinaryClassification, new Dictionary<string, string> { ["max_depth"] = "3", ["n_estimators"] = "3", ["threads"] = threads }),
            CancellationToken.None));

        Assert.Equal(Serialized("1"), Serialized("256"));
    }

    [Fact]
    public void Train_SearchSpaceOverMaxLeaves_EachCandidateKeepsItsBudgetAndRecordsIt()
    {
        var config = new PipelineConfig(
            Candidates: [],
            Search: [new SearchSpace("gbdt", SearchParameter.Choice("max_leaves", "4", "16"), SearchParameter.Choice("max_depth", "12"))]);
        var table = GbdtData.Mixed(3000, seed: 9, ModelTask.BinaryClassification);

        var candidates = config.CandidatesFor(ModelTask.BinaryClassification);

        Assert.Equal(["4", "16"], candidates.Select(c => c.Parameters["max_leaves"]));
        foreach (var candidate in candidates)
        {
            var model = Trainer.Train(GbdtData.Request(table, "y", ModelTask.BinaryClassification, candidate.Parameters), CancellationToken.None);
            var budget = int.Parse(candidate.Parameters["max_leaves"], System.Globalization.CultureInfo.InvariantCulture);
            var trees = ((GbdtBody)model.Body).Trees;
            Assert.All(trees, tree => Assert.InRange(Leaves(tree), 2, budget));
            Assert.Contains(trees, tree => Leaves(tree) == budget);
            Assert.Equal(candidate.Parameters["max_leaves"], model.Parameters["max_leaves"]);
        }
    }

    [Fact]
    public void Train_MinSamplesPerCategoryAboveEveryLevel_NoSplitOnTheCategoryWhileTheDefaultSplitsOnIt()
    {
        // Mixed's 40-level input carries much of the signal, each level in about 70 of 3,000 rows.
        var table = GbdtData.Mixed(3000, seed: 10, ModelTask.Regression);
        bool SplitsOnCategory(GbdtModel model)
        {
            var body = (GbdtBody)model.Body;
            var category = body.Features.Select((f, i) => (f, i)).Single(x => x.f.Kind == ColumnKind.Categorical).i;
            return body.Trees.Any(tree => tree.Feature.Contains(category));
        }

        var plain = Train(table, ModelTask.Regression, new() { ["max_leaves"] = "16", ["max_depth"] = "10" });
        var pooled = Train(table, ModelTask.Regression, new() { ["max_leaves"] = "16", ["max_depth"] = "10", ["min_samples_per_category"] = "1000", ["cat_smooth"] = "10" });

        Assert.True(SplitsOnCategory(plain));
        Assert.False(SplitsOnCategory(pooled));
    }

    private static GbdtModel Train(Table table, ModelTask task, Dictionary<string, string> parameters)
    {
        parameters.TryAdd("n_estimators", "10");
        return (GbdtModel)Trainer.Train(GbdtData.Request(table, "y", task, parameters), CancellationToken.None);
    }

    private static int Leaves(GbdtTree tree) => tree.Feature.Count(f => f < 0);

    /// <summary>Levels below the root of the deepest leaf (children come after their parents).</summary>
    private static int Depth(GbdtTree tree)
    {
        var depth = new int[tree.Feature.Length];
        for (var node = 0; node < tree.Feature.Length; node++)
        {
            if (tree.Feature[node] >= 0)
            {
                depth[tree.Left[node]] = depth[node] + 1;
                depth[tree.Right[node]] = depth[node] + 1;
            }
        }

        return depth.Max();
    }
}
