using System.Text.Json.Serialization;

namespace MlopsServerless.Bench;

/// <summary>One measured (implementation, algorithm, dataset) row; the same JSON shape reference.py writes.</summary>
internal sealed record BenchResult(
    [property: JsonPropertyName("impl")] string Impl,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("load_seconds")] double? LoadSeconds,
    [property: JsonPropertyName("train_seconds")] double TrainSeconds,
    [property: JsonPropertyName("train_cpu_seconds")] double TrainCpuSeconds,
    [property: JsonPropertyName("batch_us_per_row")] double BatchMicrosPerRow,
    [property: JsonPropertyName("table_us_per_row")] double? TableMicrosPerRow,
    [property: JsonPropertyName("single_us_per_row")] double SingleMicrosPerRow,
    [property: JsonPropertyName("peak_mb")] double PeakMb,
    [property: JsonPropertyName("csv_mb")] double CsvMb,
    [property: JsonPropertyName("auc")] double? Auc,
    [property: JsonPropertyName("logloss")] double? LogLoss,
    [property: JsonPropertyName("rmse")] double? Rmse)
{
    /// <summary>Batch on one thread (our gbdt fast path only), to separate per-core speed from the 2-thread figure.</summary>
    [JsonPropertyName("batch_1t_us_per_row")]
    public double? BatchOneThreadMicrosPerRow { get; init; }

    /// <summary>The 1-minute load average when training started (/proc/loadavg): the machine is shared, so every row says how busy it was.</summary>
    [JsonPropertyName("load_avg")]
    public double? LoadAverage { get; init; }

    /// <summary>Which repeat of the same configuration this is (1 when run once).</summary>
    [JsonPropertyName("repeat")]
    public int Repeat { get; init; } = 1;
}
