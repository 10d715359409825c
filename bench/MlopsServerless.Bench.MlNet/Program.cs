using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlopsServerless.Bench.MlNet;

// logreg --csv FILE                 LbfgsLogisticRegression on the first 80% (defaults), AUC on the rest; one JSON line
// serve --csv FILE --port N         LightGBM (100 rounds) on the first 80%, then POST /predict through pooled engines
var arguments = args.Skip(1).Chunk(2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
var ml = new MLContext(seed: 42);
var all = ml.Data.LoadFromTextFile<SynthRow>(arguments["csv"], separatorChar: ',', hasHeader: true);
var rows = File.ReadLines(arguments["csv"]).LongCount() - 1;
var cut = (long)(rows * 0.8);
var train = ml.Data.TakeRows(all, cut);
var test = ml.Data.SkipRows(all, cut);
string[] numeric = [.. Enumerable.Range(0, 20).Select(i => $"x{i}")];
string[] categorical = ["c0", "c1", "c2", "c3"];
var oneHot = ml.Transforms.Categorical.OneHotEncoding([.. categorical.Select(c => new InputOutputColumnPair(c + "_hot", c))]);
string[] features = [.. numeric, .. categorical.Select(c => c + "_hot")];

if (args[0] == "logreg")
{
    var pipeline = ml.Transforms.ReplaceMissingValues([.. numeric.Select(c => new InputOutputColumnPair(c))])
        .Append(ml.Transforms.NormalizeMeanVariance([.. numeric.Select(c => new InputOutputColumnPair(c))]))
        .Append(oneHot)
        .Append(ml.Transforms.Concatenate("Features", features))
        .AppendCacheCheckpoint(ml)
        .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
    var clock = Stopwatch.StartNew();
    var model = pipeline.Fit(train);
    var seconds = clock.Elapsed.TotalSeconds;
    var metrics = ml.BinaryClassification.Evaluate(model.Transform(test));
    Console.WriteLine(JsonSerializer.Serialize(new { impl = "mlnet", algorithm = "LbfgsLogisticRegression", train_rows = cut, train_seconds = seconds, auc = metrics.AreaUnderRocCurve, logloss = metrics.LogLoss }));
    return 0;
}

var trained = ml.Transforms.Concatenate("Numeric", numeric)
    .Append(oneHot)
    .Append(ml.Transforms.Concatenate("Features", ["Numeric", .. categorical.Select(c => c + "_hot")]))
    .Append(ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: 63, numberOfIterations: 100, learningRate: 0.1))
    .Fit(train);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{arguments["port"]}");
builder.Services.AddSingleton<ObjectPool<PredictionEngine<SynthRow, SynthScore>>>(
    new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 8 }.Create(new EnginePolicy(ml, trained)));
var app = builder.Build();
app.MapPost("/predict", (SynthRow row, ObjectPool<PredictionEngine<SynthRow, SynthScore>> pool) =>
{
    var engine = pool.Get();
    try
    {
        var score = engine.Predict(row);
        return TypedResults.Ok(new { probability = score.Probability, label = score.PredictedLabel });
    }
    finally
    {
        pool.Return(engine);
    }
});
Console.WriteLine($"listening on {arguments["port"]}");
await app.RunAsync();
return 0;

/// <summary>Makes prediction engines for the pool (an engine is not thread-safe; the model is).</summary>
internal sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<SynthRow, SynthScore>>
{
    public override PredictionEngine<SynthRow, SynthScore> Create() => ml.Model.CreatePredictionEngine<SynthRow, SynthScore>(model);

    public override bool Return(PredictionEngine<SynthRow, SynthScore> obj) => true;
}
