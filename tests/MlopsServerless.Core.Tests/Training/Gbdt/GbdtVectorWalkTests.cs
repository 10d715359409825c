using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Gbdt;

namespace MlopsServerless.Core.Tests.Training.Gbdt;

/// <summary>
/// The AVX-512 batch walk (<see cref="VectorForest"/>) and its scalar fallback (the compact walk, forced with
/// <c>vectors: false</c>) must both give bit for bit what the other paths give. On a machine without AVX-512 both
/// calls take the fallback and the tests still hold.
/// </summary>
public sealed class GbdtVectorWalkTests
{
    private static readonly GbdtTrainer Trainer = new();

    [Theory]
    [InlineData(ModelTask.BinaryClassification)]
    [InlineData(ModelTask.Regression)]
    [InlineData(ModelTask.MulticlassClassification)]
    public void PredictBatch_ManyInputsDeepTrees_BothWalksEqualPredictOnATable(ModelTask task)
    {
        // Depth 8: levels past the permuted ones (gathered node fields and category sets) are reached too.
        var model = (GbdtModel)Trainer.Train(
            GbdtData.Request(Wide(3000, seed: 31, task), "y", task, new Dictionary<string, string> { ["n_estimators"] = "12", ["max_depth"] = "8", ["min_samples_leaf"] = "5" }),
            CancellationToken.None);
        Assert.Equal(VectorForest.IsSupported, VectorForest.TryBuild((GbdtBody)model.Body) is not null);

        GbdtLayouts.AssertAllEqualTablePredictions(model, Wide(1001, seed: 32, task, unseenLevels: true));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(127)]
    [InlineData(129)]
    public void PredictBatch_BlockNotAMultipleOfTheVectorWidth_EqualsPredictRow(int count)
    {
        var model = (GbdtModel)Trainer.Train(
            GbdtData.Request(Wide(2000, seed: 41, ModelTask.BinaryClassification), "y", ModelTask.BinaryClassification, new Dictionary<string, string> { ["n_estimators"] = "10" }),
            CancellationToken.None);
        var all = model.DenseRows(Wide(count, seed: 42, ModelTask.BinaryClassification, unseenLevels: true));
        var inputs = model.Signature.Inputs.Count;

        var batch = new double[count * model.Width];
        model.PredictBatch(all, batch, 1, vectors: true);

        var single = new double[model.Width];
        for (var r = 0; r < count; r++)
        {
            model.PredictRow(all.AsSpan(r * inputs, inputs), single);
            Assert.Equal(single, batch.AsSpan(r * model.Width, model.Width).ToArray());
        }
    }

    [Theory]
    [InlineData(ModelTask.Regression, 1)]
    [InlineData(ModelTask.MulticlassClassification, 3)]
    public void PredictBatch_HandBuiltTreesOfEveryDepth_BothWalksEqualAPlainWalk(ModelTask task, int outputs)
    {
        // One-leaf trees, stumps, lopsided chains and bushy trees up to depth 10 (the vector layout's limit), with
        // numeric and categorical splits, missing sides both ways and category sets with bits above 31 and on 255.
        var random = new Random(7);
        var features = new[]
        {
            new GbdtFeature("n0", ColumnKind.Numeric, [-1f, 0f, 1f], []),
            new GbdtFeature("n1", ColumnKind.Numeric, [0.5f], []),
            new GbdtFeature("c0", ColumnKind.Categorical, [], Enumerable.Range(0, 6).Select(i => $"a{i}").ToArray()),
            new GbdtFeature("c1", ColumnKind.Categorical, [], Enumerable.Range(0, 200).Select(i => $"b{i}").ToArray()),
        };
        var depths = new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 0, 3 };
        var trees = new List<GbdtTree>();
        foreach (var depth in depths)
        {
            for (var o = 0; o < outputs; o++)
            {
                trees.Add(RandomTree(random, features, depth, lopsided: trees.Count % 2 == 1));
            }
        }

        var body = new GbdtBody(features, Enumerable.Range(0, outputs).Select(o => 0.25 * (o + 1)).ToArray(), outputs, trees);
        var classes = task == ModelTask.Regression ? Array.Empty<string>() : Enumerable.Range(0, outputs).Select(o => $"k{o}").ToArray();
        var signature = new ModelSignature(features.Select(f => new FeatureSpec(f.Name, f.Kind)).ToList(), "y", task, classes);
        var model = new GbdtModel(signature, new Dictionary<string, string>(), body);
        Assert.Equal(VectorForest.IsSupported, VectorForest.TryBuild(body) is not null);

        const int count = 301;
        var rows = new float[count * features.Length];
        for (var r = 0; r < count; r++)
        {
            rows[(r * 4) + 0] = Pick(random, [-1f, 0f, 1f, 0.999f, -3f, 5f, float.NaN]);
            rows[(r * 4) + 1] = Pick(random, [0.5f, 0.49f, 0.51f, float.NaN, float.NegativeInfinity, float.PositiveInfinity]);
            rows[(r * 4) + 2] = Pick(random, [0f, 1f, 3f, 5f, 6f, 2.5f, -1f, float.NaN]);
            rows[(r * 4) + 3] = Pick(random, [0f, 31f, 32f, 63f, 150f, 199f, 254f, 255f, 300f, float.NaN, random.Next(200)]);
        }

        var expected = new double[count * model.Width];
        var margins = new double[outputs];
        for (var r = 0; r < count; r++)
        {
            body.BaseScores.CopyTo(margins, 0);
            for (var t = 0; t < trees.Count; t++)
            {
                margins[t % outputs] += PlainWalk(trees[t], features, rows.AsSpan(r * 4, 4));
            }

            GbdtObjective.Transform(task, margins, expected.AsSpan(r * model.Width, model.Width));
        }

        foreach (var vectors in new[] { true, false })
        {
            var batch = new double[expected.Length];
            model.PredictBatch(rows, batch, 2, vectors);
            Assert.Equal(expected, batch);
        }

        var single = new double[model.Width];
        for (var r = 0; r < count; r++)
        {
            model.PredictRow(rows.AsSpan(r * 4, 4), single);
            Assert.Equal(expected.AsSpan(r * model.Width, model.Width).ToArray(), single);
        }
    }

    [Fact]
    public void TryBuild_TreeDeeperThanTheLayoutLimit_ReturnsNullAndTheBatchStillMatches()
    {
        var features = new[] { new GbdtFeature("n0", ColumnKind.Numeric, [0f], []) };
        var tree = RandomTree(new Random(3), features, depth: 11, lopsided: true);
        var body = new GbdtBody(features, [0.0], 1, [tree]);
        var model = new GbdtModel(
            new ModelSignature([new FeatureSpec("n0", ColumnKind.Numeric)], "y", ModelTask.Regression, []), new Dictionary<string, string>(), body);
        var rows = Enumerable.Range(0, 40).Select(i => i % 7 == 0 ? float.NaN : (i - 20) / 4f).ToArray();

        var batch = new double[rows.Length];
        model.PredictBatch(rows, batch);

        Assert.Null(VectorForest.TryBuild(body));
        Assert.Equal(rows.Select(x => PlainWalk(tree, features, [x])).ToArray(), batch);
    }

    /// <summary>The saved tree's own rule on a raw row, node by node: the oracle for the hand-built forests.</summary>
    private static double PlainWalk(GbdtTree tree, GbdtFeature[] features, ReadOnlySpan<float> row)
    {
        var node = 0;
        while (tree.Feature[node] >= 0)
        {
            var x = row[tree.Feature[node]];
            bool left;
            if (features[tree.Feature[node]].Kind == ColumnKind.Categorical)
            {
                left = x >= 0 && x < GbdtFeature.MissingBin
                    ? (tree.CategoryBits[(tree.ThresholdBin[node] * GbdtTree.CategoryWords) + ((int)x >> 5)] & (1u << ((int)x & 31))) != 0
                    : tree.MissingLeft[node];
            }
            else
            {
                left = float.IsNaN(x) ? tree.MissingLeft[node] : x <= tree.Threshold[node];
            }

            node = left ? tree.Left[node] : tree.Right[node];
        }

        return tree.Value[node];
    }

    /// <summary>
    /// A tree of exactly <paramref name="depth"/> levels below the root, nodes in preorder (children after parents):
    /// bushy (each side splits again with probability 0.8) or lopsided (one side is a leaf at every level).
    /// </summary>
    private static GbdtTree RandomTree(Random random, GbdtFeature[] features, int depth, bool lopsided)
    {
        var feature = new List<int>();
        var thresholdBin = new List<int>();
        var threshold = new List<float>();
        var missingLeft = new List<bool>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<double>();
        var bits = new List<uint>();

        int Add(int remaining, bool mustReachDepth)
        {
            var index = feature.Count;
            feature.Add(-1);
            thresholdBin.Add(0);
            threshold.Add(0);
            missingLeft.Add(false);
            left.Add(0);
            right.Add(0);
            value.Add(Math.Round((random.NextDouble() * 2) - 1, 3) + (random.NextDouble() * 1e-9));
            if (remaining == 0 || (!mustReachDepth && random.NextDouble() < (lopsided ? 1.0 : 0.2)))
            {
                return index;
            }

            var f = random.Next(features.Length);
            feature[index] = f;
            missingLeft[index] = random.Next(2) == 0;
            if (features[f].Kind == ColumnKind.Categorical)
            {
                thresholdBin[index] = bits.Count / GbdtTree.CategoryWords;
                for (var w = 0; w < GbdtTree.CategoryWords; w++)
                {
                    bits.Add((uint)random.NextInt64(0, 1L << 32));
                }
            }
            else
            {
                var edges = features[f].Edges;
                thresholdBin[index] = random.Next(edges.Length);
                threshold[index] = edges[thresholdBin[index]];
            }

            var deepLeft = random.Next(2) == 0;
            left[index] = Add(remaining - 1, mustReachDepth && deepLeft);
            right[index] = Add(remaining - 1, mustReachDepth && !deepLeft);
            return index;
        }

        Add(depth, mustReachDepth: true);
        return new GbdtTree([.. feature], [.. thresholdBin], [.. threshold], [.. missingLeft], [.. left], [.. right], [.. value], [.. bits]);
    }

    private static float Pick(Random random, float[] values) => values[random.Next(values.Length)];

    /// <summary>
    /// 40 numeric inputs (every fifth with 10% missing) and three categorical ones (5, 40 and 120 levels, 8% missing),
    /// several of which matter. With <paramref name="unseenLevels"/> the categorical columns also hold unseen levels.
    /// </summary>
    private static Table Wide(int rows, int seed, ModelTask task, bool unseenLevels = false)
    {
        var random = new Random(seed);
        var columns = new List<Column>();
        var score = new double[rows];
        for (var f = 0; f < 40; f++)
        {
            var values = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                values[i] = f % 5 == 0 && random.NextDouble() < 0.1 ? double.NaN : Math.Round((random.NextDouble() * 4) - 2, 2);
                score[i] += f < 6 && !double.IsNaN(values[i]) ? Math.Sin(values[i] * (f + 1)) : f < 6 ? 0.7 : 0;
            }

            columns.Add(GbdtData.Numeric($"x{f}", values));
        }

        foreach (var (name, levels) in new[] { ("ca", 5), ("cb", 40), ("cc", 120) })
        {
            var names = Enumerable.Range(0, levels + (unseenLevels ? 7 : 0)).Select(i => $"{name}{i}").ToArray();
            var codes = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                codes[i] = random.NextDouble() < 0.08 ? -1 : random.Next(names.Length);
                score[i] += codes[i] < 0 ? 0.5 : ((codes[i] * 7 % 5) - 2) * 0.4;
            }

            columns.Add(new CategoricalColumn(name, codes, names));
        }

        columns.Add(task switch
        {
            ModelTask.Regression => GbdtData.Numeric("y", score),
            ModelTask.BinaryClassification => GbdtData.Numeric("y", score.Select(s => s > 0 ? 1.0 : 0.0).ToArray()),
            _ => new CategoricalColumn("y", score.Select(s => s < -1 ? 0 : s < 1 ? 1 : 2).ToArray(), ["low", "mid", "high"]),
        });
        return new Table(columns);
    }
}
