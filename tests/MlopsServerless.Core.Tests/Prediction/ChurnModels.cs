using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Prediction;

/// <summary>Two logistic-regression models trained once per test class on different ChurnSample draws.</summary>
public sealed class ChurnModels
{
    public ChurnModels()
    {
        First = Train(seed: 1);
        Second = Train(seed: 2);
    }

    /// <summary>ModelFormat bytes of a logreg trained on ChurnSample(600, seed 1).</summary>
    public byte[] First { get; }

    /// <summary>ModelFormat bytes of a logreg trained on ChurnSample(600, seed 2).</summary>
    public byte[] Second { get; }

    private static byte[] Train(int seed)
    {
        var bytes = CoreHarness.Churn(600, seed);
        var profile = CsvProfiler.ProfileAsync(new MemoryStream(bytes), CancellationToken.None).GetAwaiter().GetResult();
        var table = TableLoader.LoadAsync(new MemoryStream(bytes), profile.Columns, CancellationToken.None).GetAwaiter().GetResult();
        var task = TaskDetector.Detect(table[ChurnSample.Label]);
        var model = TrainerCatalog.Get("logreg").CreateTrainer()
            .Train(new TrainingRequest(table, null, ChurnSample.Label, task, new Dictionary<string, string>(), 42), CancellationToken.None);
        return ModelFormat.Serialize(model);
    }
}
