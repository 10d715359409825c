namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// The boosting loop: gradients, seeded row and column sampling, one tree per output per round, and early stopping on
/// the validation loss. Work is split over rows or features only where every result is independent of the split.
/// </summary>
internal sealed class GbdtBooster(GbdtSettings settings, GbdtObjective objective, Random random)
{
    private const int RowsPerChunk = 16_384;
    private readonly ParallelOptions _parallel = new() { MaxDegreeOfParallelism = settings.Threads };

    public (double[] BaseScores, List<GbdtTree> Trees) Run(
        BinnedMatrix train,
        double[] targets,
        IReadOnlyList<GbdtFeature> features,
        (BinnedMatrix Matrix, double[] Targets)? validation,
        CancellationToken cancellationToken)
    {
        var rows = train.Rows;
        var width = objective.Width;
        var baseScores = objective.BaseScores(targets);
        var margins = Start(baseScores, rows);
        var validMargins = validation is { } v ? Start(baseScores, v.Matrix.Rows) : [];
        var gradients = Enumerable.Range(0, width).Select(_ => new float[rows]).ToArray();
        var hessians = Enumerable.Range(0, width).Select(_ => new float[rows]).ToArray();
        var categorical = features.Select(f => f.Kind == Datasets.ColumnKind.Categorical).ToArray();
        var grower = new TreeGrower(train, features, settings);

        // One buffer for every round's sample: a new one per round was 100 large arrays of garbage per model.
        var sampled = new int[rows];
        var trees = new List<GbdtTree>();
        var bestLoss = double.PositiveInfinity;
        var bestRounds = 0;
        for (var round = 0; round < settings.Estimators; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ForRows(rows, (from, to) => objective.Gradients(margins, targets, gradients, hessians, from, to));
            var sampledCount = SampleRows(sampled);
            var active = SampleFeatures(features.Count);
            for (var k = 0; k < width; k++)
            {
                sampled.AsSpan(0, sampledCount).CopyTo(grower.Rows);
                var (tree, leaves) = grower.Grow(gradients[k], hessians[k], sampledCount, active);
                trees.Add(tree);
                var output = k;
                if (sampledCount == rows)
                {
                    // Every row is in exactly one leaf, so leaves can be added on any thread in any order.
                    Parallel.ForEach(leaves, _parallel, leaf =>
                    {
                        foreach (var row in grower.Rows.AsSpan(leaf.Start, leaf.Count))
                        {
                            margins[(row * width) + output] += leaf.Value;
                        }
                    });
                }
                else
                {
                    ForRows(rows, (from, to) => AddTree(tree, train, categorical, margins, width, output, from, to));
                }

                if (validation is { } valid)
                {
                    ForRows(valid.Matrix.Rows, (from, to) => AddTree(tree, valid.Matrix, categorical, validMargins, width, output, from, to));
                }
            }

            if (validation is { } stopping)
            {
                var loss = objective.Loss(validMargins, stopping.Targets);
                if (loss < bestLoss)
                {
                    bestLoss = loss;
                    bestRounds = round + 1;
                }
                else if (round + 1 - bestRounds >= settings.EarlyStoppingRounds)
                {
                    break;
                }
            }
        }

        if (validation is not null)
        {
            trees.RemoveRange(bestRounds * width, trees.Count - (bestRounds * width));
        }

        return (baseScores, trees);
    }

    private static double[] Start(double[] baseScores, int rows)
    {
        var margins = new double[rows * baseScores.Length];
        for (var i = 0; i < margins.Length; i++)
        {
            margins[i] = baseScores[i % baseScores.Length];
        }

        return margins;
    }

    private static void AddTree(GbdtTree tree, BinnedMatrix matrix, bool[] categorical, double[] margins, int width, int output, int from, int to)
    {
        for (var row = from; row < to; row++)
        {
            margins[(row * width) + output] += tree.PredictBinned(matrix, row, categorical);
        }
    }

    private void ForRows(int rows, Action<int, int> body)
    {
        var chunks = (rows + RowsPerChunk - 1) / RowsPerChunk;
        Parallel.For(0, chunks, _parallel, c => body(c * RowsPerChunk, Math.Min(rows, (c + 1) * RowsPerChunk)));
    }

    /// <summary>Fills <paramref name="sampled"/> with this round's rows, in order, and returns how many there are.</summary>
    private int SampleRows(int[] sampled)
    {
        var count = 0;
        if (settings.Subsample < 1)
        {
            for (var row = 0; row < sampled.Length; row++)
            {
                if (random.NextDouble() < settings.Subsample)
                {
                    sampled[count++] = row;
                }
            }
        }

        if (count == 0)
        {
            for (var row = 0; row < sampled.Length; row++)
            {
                sampled[row] = row;
            }

            count = sampled.Length;
        }

        return count;
    }

    private int[] SampleFeatures(int features)
    {
        var all = Enumerable.Range(0, features).ToArray();
        if (settings.Colsample >= 1)
        {
            return all;
        }

        var take = Math.Max(1, (int)Math.Round(settings.Colsample * features));
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, features);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var chosen = all[..take];
        Array.Sort(chosen);
        return chosen;
    }
}
