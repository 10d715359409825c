using System.Diagnostics;
using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Gbdt;
using MlopsServerless.Core.Training.Linear;
using MlopsServerless.MLNet;

namespace MlopsServerless.Bench;

/// <summary>Loads the CSV (streaming), trains one of our algorithms on the first 80% of rows and measures the rest.</summary>
internal static class OursRunner
{
    private const int SingleRowSamples = 20_000;
    private const int BatchRepeats = 5;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var csv = args["csv"];
        var label = args["label"];
        var algorithm = args["algorithm"];
        MlNetAlgorithms.Register();
        if (!TrainerCatalog.All.Any(r => r.Name == algorithm))
        {
            Console.Error.WriteLine($"{algorithm} is not registered in this build; skipped.");
            return 3;
        }

        var clock = Stopwatch.StartNew();
        var (trainCsv, testCsv, totalRows, cut) = SplitFile(csv, 0.8);
        clock.Restart();
        var train = Load(trainCsv, cut, label);
        var test = Load(testCsv, totalRows - cut, label);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        Mark("loaded");

        var task = label == "y_bin" ? ModelTask.BinaryClassification : ModelTask.Regression;
        var parameters = Settings(algorithm);
        // --set k=v,k=v: trainer parameters on top of these (for example max_levels for logreg).
        foreach (var pair in (args.Optional("set") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            parameters[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        }

        var trainer = TrainerCatalog.Get(algorithm).CreateTrainer();
        var loadAverage = LoadAverage();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var model = trainer.Train(new TrainingRequest(train, null, label, task, parameters, 42), CancellationToken.None);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var trainCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Mark("trained");
        if (model is LogisticRegressionModel logistic)
        {
            Console.Error.WriteLine($"logreg: {logistic.Fitted.Iterations} L-BFGS iterations, converged {logistic.Fitted.Converged}, {trainSeconds:0.00} s");
        }
        train = null!;
        GC.Collect();

        clock.Restart();
        var predictions = model.Predict(test);
        var tableMicros = clock.Elapsed.TotalMicroseconds / test.RowCount;
        var (batchMicros, batchOneThreadMicros, singleMicros) = model is GbdtModel gbdt ? FastPath(gbdt, test) : TablePath(model, test, tableMicros);

        double? auc = null, logLoss = null, rmse = null;
        if (task == ModelTask.BinaryClassification)
        {
            var labels = new LabelEncoding(task, model.Signature.Classes).EncodeClasses(test[label]);
            var scores = Enumerable.Range(0, test.RowCount).Select(r => predictions.Row(r)[1]).ToArray();
            auc = BenchMetrics.Auc(scores, labels);
            logLoss = BenchMetrics.LogLoss(scores, labels);
        }
        else
        {
            rmse = BenchMetrics.Rmse(predictions.Values, ((NumericColumn)test[label]).Values);
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var result = new BenchResult(
            algorithm.StartsWith("mlnet-", StringComparison.Ordinal) ? "ml.net" : "ours", args.Optional("name") ?? algorithm, Path.GetFileName(csv), label, totalRows, loadSeconds, trainSeconds, trainCpuSeconds, batchMicros, tableMicros,
            singleMicros, process.PeakWorkingSet64 / 1048576.0, new FileInfo(csv).Length / 1048576.0, auc, logLoss, rmse)
        {
            BatchOneThreadMicrosPerRow = batchOneThreadMicros,
            LoadAverage = loadAverage,
            Repeat = int.Parse(args.Optional("repeat") ?? "1", System.Globalization.CultureInfo.InvariantCulture),
        };
        await File.WriteAllTextAsync(args["out"], JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>
    /// Trees: 100 rounds, learning rate 0.1, depth 6 (ours, xgboost, HGB) or up to 64 leaves (LightGBM and FastTree grow
    /// leaf-wise; ours with --set max_leaves=64,max_depth=...); every trainer that takes threads gets 2; linear models
    /// keep their defaults.
    /// </summary>
    private static Dictionary<string, string> Settings(string algorithm) => algorithm switch
    {
        GbdtTrainer.Name => new() { ["n_estimators"] = "100", ["max_depth"] = "6", ["learning_rate"] = "0.1", ["threads"] = "2" },
        "mlnet-lightgbm" or "mlnet-fasttree" => new() { ["n_estimators"] = "100", ["num_leaves"] = "64", ["learning_rate"] = "0.1", ["threads"] = "2" },
        "mlnet-lbfgs" or "mlnet-sdca" => new() { ["threads"] = "2" },
        _ => [],
    };

    /// <summary>The 1-minute load average (Linux), or null where /proc/loadavg does not exist.</summary>
    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>Memory at a phase, on stderr: where the peak comes from.</summary>
    private static void Mark(string phase)
    {
        using var process = Process.GetCurrentProcess();
        Console.Error.WriteLine(
            $"  after {phase}: working set {process.WorkingSet64 >> 20} MB (peak {process.PeakWorkingSet64 >> 20}), GC heap {GC.GetTotalMemory(false) >> 20} MB, allocated so far {GC.GetTotalAllocatedBytes() >> 20} MB");
    }

    /// <summary>
    /// Batch on dense float rows over 2 threads and on one (the median of <see cref="BatchRepeats"/> runs each, since the
    /// machine is shared), then one row at a time on one thread.
    /// </summary>
    private static (double Batch, double BatchOneThread, double Single) FastPath(GbdtModel model, Table test)
    {
        var inputs = model.Signature.Inputs;
        var rows = model.DenseRows(test);

        var output = new double[test.RowCount * model.Width];
        model.PredictBatch(rows, output, threads: 2); // warm-up
        var batch = MedianBatch(model, rows, output, test.RowCount, threads: 2);
        var batchOneThread = MedianBatch(model, rows, output, test.RowCount, threads: 1);
        var clock = Stopwatch.StartNew();

        Span<double> one = stackalloc double[model.Width];
        var samples = Math.Min(SingleRowSamples, test.RowCount);
        for (var r = 0; r < samples; r++)
        {
            model.PredictRow(rows.AsSpan(r * inputs.Count, inputs.Count), one); // warm-up, as for the batch
        }

        var times = new double[samples];
        for (var r = 0; r < samples; r++)
        {
            var start = Stopwatch.GetTimestamp();
            model.PredictRow(rows.AsSpan(r * inputs.Count, inputs.Count), one);
            times[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        return (batch, batchOneThread, Median(times));
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    private static double MedianBatch(GbdtModel model, float[] rows, double[] output, int count, int threads)
    {
        var micros = new double[BatchRepeats];
        for (var i = 0; i < micros.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            model.PredictBatch(rows, output, threads);
            micros[i] = clock.Elapsed.TotalMicroseconds / count;
        }

        Array.Sort(micros);
        return micros[micros.Length / 2];
    }

    /// <summary>
    /// Models without a fast path: batch is the table path over 2 threads (the test set in two halves scored at once,
    /// median of <see cref="BatchRepeats"/>) and on one; a single row is a one-row table (p50 over 2,000 rows after as
    /// many warm-up calls).
    /// </summary>
    private static (double Batch, double? BatchOneThread, double Single) TablePath(TrainedModel model, Table test, double tableMicros)
    {
        var half = test.RowCount / 2;
        Table[] halves = [test.Select(Enumerable.Range(0, half).ToList()), test.Select(Enumerable.Range(half, test.RowCount - half).ToList())];
        var batch = new double[BatchRepeats];
        for (var i = 0; i < batch.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            Parallel.ForEach(halves, new ParallelOptions { MaxDegreeOfParallelism = 2 }, h => model.Predict(h));
            batch[i] = clock.Elapsed.TotalMicroseconds / test.RowCount;
        }

        var samples = Math.Min(2000, test.RowCount);
        var rows = Enumerable.Range(0, samples).Select(r => test.Select([r])).ToList();
        rows.ForEach(r => model.Predict(r));
        var times = new double[samples];
        for (var r = 0; r < samples; r++)
        {
            var start = Stopwatch.GetTimestamp();
            model.Predict(rows[r]);
            times[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        return (Median(batch), tableMicros, Median(times));
    }

    /// <summary>
    /// The first <paramref name="fraction"/> of data rows and the rest as two CSVs beside the original (made once), so
    /// the process holds each row once, as a user with a training file and a test file would; a split in memory would
    /// hold the whole table twice while copying.
    /// </summary>
    private static (string Train, string Test, int Rows, int TrainRows) SplitFile(string csv, double fraction)
    {
        var rows = CountRows(csv);
        var cut = (int)(rows * fraction);
        var train = $"{csv}.train{cut}.csv";
        var test = $"{csv}.test{rows - cut}.csv";
        if (!File.Exists(train) || !File.Exists(test))
        {
            using var lines = File.ReadLines(csv).GetEnumerator();
            lines.MoveNext();
            var header = lines.Current;
            using (var writer = new StreamWriter(train + ".tmp"))
            {
                writer.Write(header + "\n");
                for (var i = 0; i < cut && lines.MoveNext(); i++)
                {
                    writer.Write(lines.Current + "\n");
                }
            }

            using (var writer = new StreamWriter(test + ".tmp"))
            {
                writer.Write(header + "\n");
                while (lines.MoveNext())
                {
                    writer.Write(lines.Current + "\n");
                }
            }

            File.Move(train + ".tmp", train, overwrite: true);
            File.Move(test + ".tmp", test, overwrite: true);
        }

        return (train, test, rows, cut);
    }

    /// <summary>
    /// Loads with the generator's layout (no profiling pass: x* numeric, c* categorical, y_* numeric) and the row count
    /// known, as the product does from a dataset version's manifest. Synchronous on purpose: measured on .NET 10, a
    /// table loaded inside an awaited async method stayed reachable after the caller had dropped it (through the
    /// completed call chain), which kept data alive through training.
    /// </summary>
    private static Table Load(string csv, int rows, string label)
    {
        var header = File.ReadLines(csv).First();
        var schema = header.Split(',')
            .Select(name => new ColumnProfile(name, name.StartsWith('c') ? ColumnKind.Categorical : ColumnKind.Numeric, 0, 0, 0, false, null, null, null, null, null))
            .ToList();
        using var stream = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var table = TableLoader.LoadAsync(stream, schema, rows, CancellationToken.None).GetAwaiter().GetResult();
        return table.Without(label == "y_bin" ? "y_reg" : "y_bin");
    }

    /// <summary>Data rows; the generator writes no quoted line breaks, so counting line ends is exact here.</summary>
    private static int CountRows(string csv)
    {
        using var stream = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var lineEnds = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lineEnds += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lineEnds - 1;
    }
}
