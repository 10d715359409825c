using System.Text;
using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet.Tests;

/// <summary>model.json + model.zip: round trip, damaged and foreign zips, and thread-safe scoring.</summary>
public sealed class MlNetModelFileTests
{
    private static async Task<(TrainedModel Model, Table Features)> ChurnModelAsync(string algorithm = "mlnet-lightgbm", string label = "churned", ModelTask task = ModelTask.BinaryClassification)
    {
        var table = await ChurnData.TableAsync(600, 5);
        var model = ChurnData.Train(algorithm, ChurnData.Request(table, label, task));
        return (model, table.Without(label));
    }

    [Theory]
    [InlineData("mlnet-lightgbm", "churned", ModelTask.BinaryClassification)]
    [InlineData("mlnet-lbfgs", "contract", ModelTask.MulticlassClassification)]
    [InlineData("mlnet-sdca", "monthly_charges", ModelTask.Regression)]
    public async Task Deserialize_SavedJsonAndZip_SamePredictionsAndSameBytes(string algorithm, string label, ModelTask task)
    {
        var (model, features) = await ChurnModelAsync(algorithm, label, task);
        var json = ModelFormat.Serialize(model);

        var loaded = ModelFormat.Deserialize(json, model.Attachments);

        Assert.Equal(model.Predict(features).Values, loaded.Predict(features).Values);
        Assert.Equal(json, ModelFormat.Serialize(loaded));
        using var envelope = JsonDocument.Parse(json);
        Assert.Equal("mlnet", envelope.RootElement.GetProperty("body").GetProperty("family").GetString());
        Assert.Equal(64, envelope.RootElement.GetProperty("attachments").GetProperty("zip").GetString()!.Length);
    }

    [Fact]
    public async Task Deserialize_JsonWithoutItsZip_FailedPreconditionSayingWhereTheStateIs()
    {
        var (model, _) = await ChurnModelAsync();

        var error = Assert.Throws<MlopsException>(() => ModelFormat.Deserialize(ModelFormat.Serialize(model).AsSpan()));

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
        Assert.Contains("model.zip", error.Message);
    }

    [Fact]
    public async Task ReadAsync_ZipReplacedByOtherBytes_FailedPreconditionNamingTheKey()
    {
        var (model, _) = await ChurnModelAsync();
        var files = ModelFormat.ToFiles(model, "models/churn/4/model.json").ToDictionary();
        files["models/churn/4/model.zip"] = Encoding.UTF8.GetBytes("PK not really a zip");

        var error = await Assert.ThrowsAsync<MlopsException>(() => ReadAsync(files, "models/churn/4/model.json"));

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
        Assert.Contains("models/churn/4/model.zip", error.Message);
    }

    [Fact]
    public async Task ReadAsync_CorruptZipWithMatchingHash_FailedPreconditionNamingTheKey()
    {
        var (model, _) = await ChurnModelAsync();
        var corrupt = model.Attachments["zip"].ToArray()[..200];
        var files = Rewrite(model, corrupt, "runs/r1/candidate-0.model.json");

        var error = await Assert.ThrowsAsync<MlopsException>(() => ReadAsync(files, "runs/r1/candidate-0.model.json"));

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
        Assert.Contains("runs/r1/candidate-0.model.zip", error.Message);
        Assert.Contains("not an ML.NET model", error.Message);
    }

    [Fact]
    public async Task ReadAsync_ForeignMlNetZipForOtherInputs_FailedPreconditionNamingTheInput()
    {
        var (model, _) = await ChurnModelAsync();
        var other = await ChurnData.TableAsync(300, 9);
        var foreign = ChurnData.Train("mlnet-fasttree", ChurnData.Request(other.Without("contract"), "churned", ModelTask.BinaryClassification));
        var files = Rewrite(model, foreign.Attachments["zip"].ToArray(), "models/m/1/model.json");

        var error = await Assert.ThrowsAsync<MlopsException>(() => ReadAsync(files, "models/m/1/model.json"));

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
        Assert.Contains("contract", error.Message);
    }

    [Fact]
    public async Task Predict_ManyThreadsOnOneModel_SameAnswersAsSerial()
    {
        var (model, features) = await ChurnModelAsync();
        var rows = Enumerable.Range(0, 64).Select(r => features.Select([r])).ToList();
        var serial = rows.Select(r => model.Predict(r).Values).ToList();

        var parallel = new double[rows.Count][];
        Parallel.For(0, rows.Count * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var values = model.Predict(rows[i % rows.Count]).Values;
            Assert.Equal(serial[i % rows.Count], values);
            parallel[i % rows.Count] = values;
        });

        Assert.Equal(serial, parallel);
        Assert.Equal(serial.SelectMany(v => v), model.Predict(features).Values.Take(64 * 2));
    }

    [Fact]
    public async Task Predict_UnseenLevelAndMissingValues_ScoresInsteadOfFailing()
    {
        var (model, features) = await ChurnModelAsync("mlnet-lbfgs");
        var row = features.Select([0]);
        var odd = new Table(row.Columns.Select(c => c switch
        {
            CategoricalColumn cat => (Column)new CategoricalColumn(cat.Name, [0], ["never-seen-level"]),
            NumericColumn n => n with { Values = [double.NaN] },
            _ => c,
        }).ToList());

        var p = model.Predict(odd).Row(0);

        Assert.True(double.IsFinite(p[1]) && p[1] is > 0 and < 1);
    }

    private static Dictionary<string, ReadOnlyMemory<byte>> Rewrite(TrainedModel model, byte[] zip, string key)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ModelFormat.Serialize(model))!;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(zip));
        json["attachments"] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["zip"] = hash });
        return new Dictionary<string, ReadOnlyMemory<byte>>
        {
            [key] = JsonSerializer.SerializeToUtf8Bytes(json),
            [ModelFormat.AttachmentKey(key, "zip")] = zip,
        };
    }

    private static Task<TrainedModel> ReadAsync(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files, string key) =>
        ModelFormat.ReadAsync(files[key], key, (k, _) => Task.FromResult<ReadOnlyMemory<byte>?>(files.TryGetValue(k, out var b) ? b : null), CancellationToken.None);
}
