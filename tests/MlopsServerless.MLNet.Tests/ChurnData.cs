using System.Text;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet.Tests;

/// <summary>Small seeded churn tables: binary (churned), multiclass (contract) and regression (monthly_charges) labels.</summary>
internal static class ChurnData
{
    public static async Task<Table> TableAsync(int rows, int seed)
    {
        var bytes = Encoding.UTF8.GetBytes(ChurnSample.Generate(rows, seed));
        var profile = await CsvProfiler.ProfileAsync(new MemoryStream(bytes), CancellationToken.None);
        return await TableLoader.LoadAsync(new MemoryStream(bytes), profile.Columns, profile.RowCount, CancellationToken.None);
    }

    public static TrainingRequest Request(Table table, string label, ModelTask task, IReadOnlyDictionary<string, string>? parameters = null, int seed = 7) =>
        new(table, null, label, task, parameters ?? new Dictionary<string, string>(), seed);

    public static TrainedModel Train(string algorithm, TrainingRequest request)
    {
        MlNetAlgorithms.Register();
        return TrainerCatalog.Get(algorithm).CreateTrainer().Train(request, CancellationToken.None);
    }
}
